import { open, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig, type AetConfig } from '../config/aetConfig.js';
import { discoverFiles } from '../discovery/discoverFiles.js';
import { auditSource, type FileResult } from './auditFile.js';
import type { AuditRule, Finding } from './rules/auditRule.js';
import { AUDIT_RULES } from './rules/ruleSet.js';

/** Files larger than this are skipped with a reason. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Options of {@link runAudit}. */
export interface AuditOptions {
  /** @default AUDIT_RULES */
  readonly rules?: readonly AuditRule[];
  /** @default read from `aet.config.json` in the root */
  readonly config?: AetConfig;
  /** Called after each file, for progress. */
  readonly onFile?: (done: number, total: number, result: FileResult) => void;
}

/** The whole run. */
export interface AuditReport {
  readonly root: string;
  readonly git: boolean;
  readonly rules: readonly AuditRule[];
  readonly files: readonly FileResult[];
  readonly violations: readonly Finding[];
  readonly followUps: readonly Finding[];
  readonly summary: {
    readonly scanned: number;
    readonly parsed: number;
    readonly matched: number;
    readonly skipped: number;
    readonly failed: number;
    readonly violations: number;
    readonly followUps: number;
    readonly durationMs: number;
  };
}

/**
 * Audits every source file under `root` (honouring `.gitignore` and the config's ignore globs)
 * with the SSOT rules. Binary files, files over 1 MiB, and symbolic links out of the root are
 * skipped with a reason; a file that does not parse is reported and the run goes on. Throws
 * `CodemodError` for a bad root or config.
 */
export async function runAudit(root: string, options: AuditOptions = {}): Promise<AuditReport> {
  const started = performance.now();
  const absoluteRoot = resolve(root);
  const config = options.config ?? (await loadConfig(absoluteRoot));
  const rules = options.rules ?? AUDIT_RULES;
  const discovered = await discoverFiles(absoluteRoot, config.ignore);
  const results: FileResult[] = discovered.skipped.map((s) => ({
    path: s.path,
    status: 'skipped' as const,
    parsed: false,
    findings: [],
    reason: s.reason,
  }));
  let done = 0;
  for (const path of discovered.files) {
    const result = await auditOne(absoluteRoot, path, rules, config);
    results.push(result);
    options.onFile?.(++done, discovered.files.length, result);
  }
  results.sort((a, b) => a.path.localeCompare(b.path));
  const findings = results.flatMap((r) => r.findings);
  const violations = findings.filter((f) => f.level === 'error');
  const followUps = findings.filter((f) => f.level === 'warning');
  return {
    root: absoluteRoot,
    git: discovered.git,
    rules,
    files: results,
    violations,
    followUps,
    summary: {
      scanned: discovered.files.length,
      parsed: results.filter((r) => r.parsed).length,
      matched: results.filter((r) => r.status === 'matched').length,
      skipped: results.filter((r) => r.status === 'skipped').length,
      failed: results.filter((r) => r.status === 'failed').length,
      violations: violations.length,
      followUps: followUps.length,
      durationMs: performance.now() - started,
    },
  };
}

async function auditOne(
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
