import type { AuditReport } from '../audit/runAudit.js';

/** A readable report, grouped by rule and then by file, with the summary at the end. */
export function formatTable(report: AuditReport): string {
  const lines: string[] = [];
  for (const rule of report.rules) {
    const findings = [...report.violations, ...report.followUps].filter(
      (f) => f.ruleId === rule.id,
    );
    if (findings.length === 0) continue;
    const kind = rule.level === 'error' ? 'violation' : 'follow-up';
    lines.push(`${rule.id} ${rule.name} (${kind}, ${findings.length}): ${rule.description}`);
    lines.push(`  fix: ${rule.fixHint}${rule.level === 'error' ? ` [phase ${rule.phase}]` : ''}`);
    let currentFile = '';
    for (const finding of findings) {
      if (finding.path !== currentFile) {
        currentFile = finding.path;
        lines.push(`  ${finding.path}`);
      }
      lines.push(`    ${finding.line}:${finding.column}  ${finding.message}`);
    }
    lines.push('');
  }
  const problems = report.files.filter((f) => f.status === 'failed' || f.status === 'skipped');
  if (problems.length > 0) {
    lines.push('Files not audited:');
    for (const file of problems) {
      const where = file.line === undefined ? '' : `:${file.line}:${file.column ?? 1}`;
      lines.push(
        `  ${file.status === 'failed' ? 'FAILED ' : 'skipped'} ${file.path}${where}  ${file.reason ?? ''}`,
      );
    }
    lines.push('');
  }
  const s = report.summary;
  lines.push(
    `${s.violations} violation${s.violations === 1 ? '' : 's'}, ${s.followUps} follow-up${s.followUps === 1 ? '' : 's'} ` +
      `in ${s.matched} file${s.matched === 1 ? '' : 's'}; scanned ${s.scanned}, parsed ${s.parsed}, ` +
      `skipped ${s.skipped}, failed ${s.failed} (${(s.durationMs / 1000).toFixed(2)} s)`,
  );
  if (s.violations === 0)
    lines.push(
      s.failed === 0
        ? 'Clean: no SSOT violations.'
        : 'No violations found, but the audit is incomplete.',
    );
  return lines.join('\n');
}
