import { join } from 'node:path';
import type { AetConfig } from '../config/aetConfig.js';
import { readSourceFile } from '../discovery/readSourceFile.js';
import { auditSource, type FileResult } from './auditFile.js';
import type { AuditRule } from './rules/auditRule.js';

/** Reads one file under `root` and audits it; large, binary and unreadable files get a reason. */
export async function auditFileOnDisk(
  root: string,
  path: string,
  rules: readonly AuditRule[],
  config: AetConfig,
): Promise<FileResult> {
  const read = await readSourceFile(join(root, path));
  if (read.kind !== 'source')
    return { path, status: read.kind, parsed: false, findings: [], reason: read.reason };
  return auditSource(path, read.source, rules, config);
}
