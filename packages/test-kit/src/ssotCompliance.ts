import { runAudit, type AuditReport, type Finding } from '@aet/codemods';
import { beforeAll, describe, expect, it } from 'vitest';

/** Options of {@link describeSsotCompliance}. */
export interface SsotComplianceOptions {
  /** `warning` also fails on follow-ups (TODO(aet) markers, private state maps, …). @default 'error' */
  readonly failOn?: 'error' | 'warning';
  /** How long the audit may take. @default 60000 */
  readonly timeoutMs?: number;
}

/**
 * The SSOT audit of `repoPath` as a vitest suite: it fails while violations remain (and, with
 * `failOn: 'warning'`, follow-ups), listing each with rule, file, line and column, and fails when
 * a file could not be audited. It runs the audit engine of `@aet/codemods`: the same rule set as
 * `aet audit`, never a second copy.
 * @example
 * describeSsotCompliance(fileURLToPath(new URL('..', import.meta.url)));
 */
export function describeSsotCompliance(
  repoPath: string,
  options: SsotComplianceOptions = {},
): void {
  const failOn = options.failOn ?? 'error';
  describe(`SSOT compliance: ${repoPath}`, () => {
    let report: AuditReport;
    beforeAll(async () => {
      report = await runAudit(repoPath);
    }, options.timeoutMs ?? 60_000);

    it('has no SSOT violations', () => {
      expect(
        report.violations.map(describeFinding),
        'violations of the AgentExecutionTracker SSOT',
      ).toEqual([]);
    });

    it.skipIf(failOn !== 'warning')('has no follow-ups left (failOn: warning)', () => {
      expect(report.followUps.map(describeFinding), 'follow-ups of the migration').toEqual([]);
    });

    it('audited every source file', () => {
      const failed = report.files
        .filter((file) => file.status === 'failed')
        .map(
          (file) =>
            `${file.path}${file.line === undefined ? '' : `:${file.line}:${file.column ?? 1}`} ${file.reason ?? ''}`,
        );
      expect(failed, 'files the audit could not read or parse').toEqual([]);
    });
  });
}

function describeFinding(finding: Finding): string {
  return `${finding.ruleId} ${finding.path}:${finding.line}:${finding.column} ${finding.message}`;
}
