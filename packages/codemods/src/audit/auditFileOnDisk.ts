import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AetConfig } from '../config/aetConfig.js';
import { auditSource, type FileResult } from './auditFile.js';
import type { AuditRule } from './rules/auditRule.js';

/** Files larger than this are skipped with a reason. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Reads one file under `root` and audits it; large, binary and unreadable files get a reason. */
export async function auditFileOnDisk(
  root: string,
  path: string,
  rules: readonly AuditRule[],
  config: AetConfig,
): Promise<FileResult> {
  const absolute = join(root, path);
  try {
    const info = await stat(absolute);
    if (info.size > MAX_FILE_BYTES) {
      return {
        path,
        status: 'skipped',
        parsed: false,
        findings: [],
        reason: `larger than 1 MiB (${info.size} bytes)`,
      };
    }
    const handle = await open(absolute, 'r');
    let buffer: Buffer;
    try {
      buffer = await handle.readFile();
    } finally {
      await handle.close();
    }
    if (buffer.subarray(0, 8192).includes(0)) {
      return {
        path,
        status: 'skipped',
        parsed: false,
        findings: [],
        reason: 'binary file (contains NUL bytes)',
      };
    }
    return auditSource(path, buffer.toString('utf8'), rules, config);
  } catch (error) {
    return {
      path,
      status: 'failed',
      parsed: false,
      findings: [],
      reason: `cannot read: ${(error as Error).message}`,
    };
  }
}
