import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AetConfig } from '../config/aetConfig.js';
import type { FileResult } from './auditFile.js';

/** A message from a worker: a batch of results, or the end of its slice. */
export type WorkerMessage = { readonly results: FileResult[] } | { readonly done: true };
/** The slice a worker audits. */
export interface WorkerTask {
  readonly root: string;
  readonly files: readonly string[];
  readonly config: AetConfig;
}

/**
 * Audits `files` in `jobs` worker processes, each taking every `jobs`-th file (so large and small
 * folders spread evenly), streaming results back. A worker that dies has its unreported files
 * marked failed; the run goes on.
 */
export async function auditInWorkers(
  root: string,
  files: readonly string[],
  config: AetConfig,
  jobs: number,
  onFile?: (done: number, total: number, result: FileResult) => void,
): Promise<FileResult[]> {
  const workerPath = fileURLToPath(new URL('./auditWorker.js', import.meta.url));
  const results: FileResult[] = [];
  let done = 0;
  const slices = Array.from({ length: jobs }, (_, w) => files.filter((_, i) => i % jobs === w));
  await Promise.all(
    slices.map(
      (slice) =>
        new Promise<void>((resolve) => {
          const reported = new Set<string>();
          const child = fork(workerPath, [], {
            serialization: 'advanced',
            stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
          });
          let stderr = '';
          child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('message', (message: WorkerMessage) => {
            if ('done' in message) {
              child.disconnect();
              return;
            }
            for (const result of message.results) {
              reported.add(result.path);
              results.push(result);
              onFile?.(++done, files.length, result);
            }
          });
          child.on('exit', (code) => {
            for (const path of slice) {
              if (reported.has(path)) continue;
              const result: FileResult = {
                path,
                status: 'failed',
                parsed: false,
                findings: [],
                reason: `the audit worker exited with code ${String(code)} before this file${stderr ? `: ${stderr.trim().slice(-300)}` : ''}`,
              };
              results.push(result);
              onFile?.(++done, files.length, result);
            }
            resolve();
          });
          const task: WorkerTask = { root, files: slice, config };
          child.send(task);
        }),
    ),
  );
  return results;
}
