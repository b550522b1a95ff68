import {
  checkMigration,
  planMigration,
  type MigrationPlan,
} from '../../migration/planMigration.js';
import { PHASE_SUMMARIES } from '../../migration/phases.js';
import { EXIT, plural, type CliIo } from '../io.js';

function formatPlan(plan: MigrationPlan): string {
  const lines: string[] = [];
  for (const phase of plan.phases) {
    const rewrites = phase.files.reduce((sum, file) => sum + file.rewrites.length, 0);
    const markers = phase.files.reduce((sum, file) => sum + file.markers.length, 0);
    lines.push(
      `phase ${phase.phase} — ${PHASE_SUMMARIES[phase.phase]}`,
      phase.files.length + phase.writes.length === 0
        ? '  nothing to do'
        : `  ${plural(phase.files.length, 'file')}, ${plural(rewrites, 'rewrite')}, ${plural(markers, 'marker')} for a human`,
    );
    for (const write of phase.writes) lines.push(`  writes ${write.path}: ${write.why}`);
    for (const file of phase.files) {
      lines.push(
        `  ${file.path}: ${plural(file.rewrites.length, 'rewrite')}${file.markers.length > 0 ? `, ${plural(file.markers.length, 'marker')}` : ''}`,
      );
      for (const marker of file.markers)
        lines.push(`    line ${marker.line}: TODO(aet): ${marker.message}`);
    }
    for (const failed of phase.failed)
      lines.push(`  cannot migrate ${failed.path}: ${failed.reason}`);
  }
  lines.push(
    plan.done
      ? 'nothing left to migrate'
      : 'run: aet migrate --phase <name> (in this order), or --phase all',
  );
  return `${lines.join('\n')}\n`;
}

/** `aet plan [path]`: what each phase would change, and what it leaves for a human. */
export async function planCommand(path: string, json: boolean, io: CliIo): Promise<number> {
  const plan = await planMigration(path);
  io.out.write(json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlan(plan));
  return EXIT.ok;
}

/** `aet check [path]`: exit 1 while any phase would change code or any violation remains. */
export async function checkCommand(path: string, io: CliIo): Promise<number> {
  const { plan, audit, ok } = await checkMigration(path);
  const pending = plan.phases.filter((phase) => phase.files.length + phase.writes.length > 0);
  for (const phase of pending) {
    const files = [...phase.writes.map((w) => w.path), ...phase.files.map((f) => f.path)];
    io.out.write(`pending phase ${phase.phase}: would change ${files.join(', ')}\n`);
  }
  for (const finding of audit.violations)
    io.out.write(
      `violation ${finding.ruleId} ${finding.path}:${finding.line}:${finding.column} ${finding.message}\n`,
    );
  for (const file of audit.files.filter((f) => f.status === 'failed'))
    io.out.write(`not audited ${file.path}: ${file.reason ?? ''}\n`);
  io.out.write(
    ok
      ? `aet check: migrated (${plural(audit.summary.followUps, 'follow-up')} left for a human)\n`
      : `aet check: not migrated (${plural(pending.length, 'pending phase')}, ${plural(audit.summary.violations, 'violation')})\n`,
  );
  return ok ? EXIT.ok : EXIT.findings;
}
