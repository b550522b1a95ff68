import type { AuditReport } from '../audit/runAudit.js';

/** The report as JSON: summary, rules, findings, and one row per file. */
export function formatJson(report: AuditReport): string {
  return JSON.stringify(
    {
      root: report.root,
      git: report.git,
      summary: report.summary,
      rules: report.rules.map(({ id, name, level, description, fixHint, phase }) => ({
        id,
        name,
        level,
        description,
        fixHint,
        phase,
      })),
      violations: report.violations,
      followUps: report.followUps,
      files: report.files.map(({ path, status, parsed, findings, reason, line, column }) => ({
        path,
        status,
        parsed,
        findings: findings.length,
        ...(reason === undefined ? {} : { reason }),
        ...(line === undefined ? {} : { line, column }),
      })),
    },
    null,
    2,
  );
}
