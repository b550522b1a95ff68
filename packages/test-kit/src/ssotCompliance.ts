import { readFile } from 'node:fs/promises';
import { runAudit, type AuditReport, type Finding } from '@aet/codemods';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TestKitError } from './testKitError.js';

/** Options of {@link describeSsotCompliance}. */
export interface SsotComplianceOptions {
  /** `warning` also fails on follow-ups (TODO(aet) markers, private state maps, …). @default 'error' */
  readonly failOn?: 'error' | 'warning';
  /** How long the audit may take. @default 60000 */
  readonly timeoutMs?: number;
  /**
   * Path of a baseline report (`aet audit --format json`, as `aet migrate --phase prepare` writes
   * it): the suite then fails only on violations the baseline does not list, counted per rule and
   * file — a ratchet while the migration is under way. `aet migrate --phase finalize` removes it.
   */
  readonly baseline?: string;
}

const BaselineSchema = z.object({
  violations: z.array(z.object({ ruleId: z.string(), path: z.string() })),
});

async function readBaseline(path: string): Promise<Map<string, number>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new TestKitError(
      'TEST_KIT_BAD_OPTIONS',
      `cannot read the SSOT baseline ${path}: ${(error as Error).message}; write it with aet migrate --phase prepare`,
    );
  }
  const parsed = BaselineSchema.safeParse(value);
  if (!parsed.success)
    throw new TestKitError(
      'TEST_KIT_BAD_OPTIONS',
      `${path} is not an aet audit JSON report: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const allowed = new Map<string, number>();
  for (const { ruleId, path: file } of parsed.data.violations) {
    const key = `${ruleId} ${file}`;
    allowed.set(key, (allowed.get(key) ?? 0) + 1);
  }
  return allowed;
}

/** The violations beyond what the baseline allows (per rule and file). */
function beyondBaseline(violations: readonly Finding[], allowed: Map<string, number>): Finding[] {
  const left = new Map(allowed);
  return violations.filter((finding) => {
    const key = `${finding.ruleId} ${finding.path}`;
    const remaining = left.get(key) ?? 0;
    if (remaining === 0) return true;
    left.set(key, remaining - 1);
    return false;
  });
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
    let allowed: Map<string, number> | undefined;
    beforeAll(async () => {
      if (options.baseline !== undefined) allowed = await readBaseline(options.baseline);
      report = await runAudit(repoPath);
    }, options.timeoutMs ?? 60_000);

    if (options.baseline === undefined) {
      it('has no SSOT violations', () => {
        expect(
          report.violations.map(describeFinding),
          'violations of the AgentExecutionTracker SSOT',
        ).toEqual([]);
      });
    } else {
      it('has no SSOT violations beyond the baseline (migration under way)', () => {
        expect(
          beyondBaseline(report.violations, allowed ?? new Map<string, number>()).map(
            describeFinding,
          ),
          `violations of the AgentExecutionTracker SSOT that ${options.baseline ?? ''} does not list`,
        ).toEqual([]);
      });
    }

    if (failOn === 'warning') {
      it('has no follow-ups left (failOn: warning)', () => {
        expect(report.followUps.map(describeFinding), 'follow-ups of the migration').toEqual([]);
      });
    }

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
