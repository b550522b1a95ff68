import { resolve } from 'node:path';
import { runAudit, type AuditReport } from '../audit/runAudit.js';
import { loadConfig, type AetConfig } from '../config/aetConfig.js';
import type { TransformEvent } from '../runner/sourceTransform.js';
import type { PhaseName } from './phases.js';
import { SOURCE_PHASES } from './phases.js';
import { prepare, runPhaseGroup, type WrittenFile } from './runMigration.js';

/** One file a phase would change, with what it would do there. */
export interface PlannedFile {
  readonly path: string;
  readonly rewrites: readonly TransformEvent[];
  readonly markers: readonly TransformEvent[];
}

/** What one phase would do now. */
export interface PhasePlan {
  readonly phase: PhaseName;
  readonly files: readonly PlannedFile[];
  /** Non-source files it would write (reports, the SSOT test, package.json). */
  readonly writes: readonly WrittenFile[];
  /** Files it could not parse or transform. */
  readonly failed: readonly { readonly path: string; readonly reason: string }[];
}

/** The plan of every phase, each seeing what the phases before it would have written. */
export interface MigrationPlan {
  readonly root: string;
  readonly phases: readonly PhasePlan[];
  /** Whether no phase would change anything. */
  readonly done: boolean;
}

/**
 * Dry-runs every phase in order, each on the output of the ones before it, and says per phase
 * which files and call sites would change and which markers would be left for a human.
 */
export async function planMigration(root: string, config?: AetConfig): Promise<MigrationPlan> {
  const absoluteRoot = resolve(root);
  const resolved = config ?? (await loadConfig(absoluteRoot));
  const overlay = new Map<string, string>();
  const phases: PhasePlan[] = [
    {
      phase: 'prepare',
      files: [],
      writes: await prepare(absoluteRoot, resolved, true, overlay),
      failed: [],
    },
  ];
  for (const phase of SOURCE_PHASES) {
    const { result } = await runPhaseGroup(absoluteRoot, resolved, [phase], { dry: true, overlay });
    for (const [path, text] of result.outputs) overlay.set(path, text);
    phases.push({
      phase,
      files: result.rows
        .filter((row) => row.status === 'changed')
        .map((row) => ({
          path: row.path,
          rewrites: row.events.filter((event) => event.kind === 'rewrite'),
          markers: row.events.filter((event) => event.kind === 'marker'),
        })),
      writes: [],
      failed: result.rows
        .filter((row) => row.status === 'failed')
        .map((row) => ({ path: row.path, reason: row.reason ?? 'failed' })),
    });
  }
  const done = phases.every((plan) => plan.files.length === 0 && plan.writes.length === 0);
  return { root: absoluteRoot, phases, done };
}

/** What `aet check` found. */
export interface CheckResult {
  readonly plan: MigrationPlan;
  readonly audit: AuditReport;
  readonly ok: boolean;
}

/**
 * The CI gate: fails while any phase would still change code (OpenRewrite's
 * failOnDryRunResults) or any audit violation remains.
 */
export async function checkMigration(root: string): Promise<CheckResult> {
  const config = await loadConfig(resolve(root));
  const plan = await planMigration(root, config);
  const audit = await runAudit(root, { config });
  const ok = plan.done && audit.summary.violations === 0 && audit.summary.failed === 0;
  return { plan, audit, ok };
}
