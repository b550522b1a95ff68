import { resolve } from 'node:path';
import { loadConfig, type AetConfig } from '../config/aetConfig.js';
import { discoverFiles } from '../discovery/discoverFiles.js';
import type { FileResult } from './auditFile.js';
import { auditFileOnDisk } from './auditFileOnDisk.js';
import { auditInWorkers } from './auditWorkers.js';
import type { AuditRule, Finding } from './rules/auditRule.js';
import { AUDIT_RULES } from './rules/ruleSet.js';
import { legacyImportRules } from './rules/legacyImportRules.js';
import {
  packageOf,
  packageScope,
  readPackageManifests,
  type PackageManifests,
} from '../discovery/packageScope.js';

const LEGACY_IMPORT_RULE_IDS: ReadonlySet<string> = new Set(
  legacyImportRules.map((rule) => rule.id),
);

/** Below this many files, worker processes cost more to start than they save. */
const MIN_FILES_PER_WORKER = 500;

/** Options of {@link runAudit}. */
export interface AuditOptions {
  /** @default AUDIT_RULES */
  readonly rules?: readonly AuditRule[];
  /** @default read from `aet.config.json` in the root */
  readonly config?: AetConfig;
  /** Called after each file, for progress. */
  readonly onFile?: (done: number, total: number, result: FileResult) => void;
  /**
   * Worker processes to audit with (the built package only, with the default rules). Fewer are
   * used when there are too few files to repay their start. @default 1
   */
  readonly jobs?: number;
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
  const jobs = Math.min(
    options.jobs ?? 1,
    Math.floor(discovered.files.length / MIN_FILES_PER_WORKER),
  );
  if (jobs > 1 && options.rules === undefined) {
    results.push(
      ...(await auditInWorkers(absoluteRoot, discovered.files, config, jobs, options.onFile)),
    );
  } else {
    let done = 0;
    for (const path of discovered.files) {
      const result = await auditFileOnDisk(absoluteRoot, path, rules, config);
      results.push(result);
      options.onFile?.(++done, discovered.files.length, result);
    }
  }
  const manifests = await readPackageManifests(absoluteRoot, discovered.files);
  return buildAuditReport(
    absoluteRoot,
    discovered.git,
    rules,
    scopedResults(results, manifests, config),
    started,
  );
}

/**
 * The results with only the legacy-import findings kept in packages out of scope (see
 * `packageScope`): hand-minted ids and follow-ups count only where the SSOT is in use.
 */
export function scopedResults(
  results: readonly FileResult[],
  manifests: PackageManifests,
  config: AetConfig,
): FileResult[] {
  const importsLegacy = (result: FileResult): boolean =>
    result.findings.some((finding) => LEGACY_IMPORT_RULE_IDS.has(finding.ruleId));
  const inScope = packageScope(
    manifests,
    config,
    results.filter(importsLegacy).map((result) => packageOf(result.path, manifests)),
  );
  return results.map((result) => {
    if (result.findings.length === 0 || inScope(result.path)) return result;
    const findings = result.findings.filter((finding) =>
      LEGACY_IMPORT_RULE_IDS.has(finding.ruleId),
    );
    return { ...result, findings, status: findings.length > 0 ? 'matched' : 'clean' };
  });
}

/** The report of an audit from its per-file results (sorted by path here). */
export function buildAuditReport(
  root: string,
  git: boolean,
  rules: readonly AuditRule[],
  results: FileResult[],
  started: number,
): AuditReport {
  results.sort((a, b) => a.path.localeCompare(b.path));
  const findings = results.flatMap((r) => r.findings);
  const violations = findings.filter((f) => f.level === 'error');
  const followUps = findings.filter((f) => f.level === 'warning');
  return {
    root,
    git,
    rules,
    files: results,
    violations,
    followUps,
    summary: {
      scanned: results.filter((r) => r.status !== 'skipped').length,
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
