import type { AuditReport } from '../audit/runAudit.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * The report as SARIF 2.1.0, as code-scanning UIs take it: one run, the rule set in
 * `tool.driver.rules`, one result per finding with a repository-relative location, and parse
 * failures as tool execution notifications.
 */
export function formatSarif(report: AuditReport, toolVersion: string): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const failed = report.files.filter((f) => f.status === 'failed');
  return JSON.stringify(
    {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'aet',
              version: toolVersion,
              informationUri: 'https://www.npmjs.com/package/@aet/codemods',
              rules: report.rules.map((rule) => ({
                id: rule.id,
                name: rule.name,
                shortDescription: { text: rule.description },
                help: { text: rule.fixHint },
                defaultConfiguration: { level: rule.level },
                properties: {
                  phase: rule.phase,
                  kind: rule.level === 'error' ? 'violation' : 'follow-up',
                },
              })),
            },
          },
          invocations: [
            {
              executionSuccessful: failed.length === 0,
              toolExecutionNotifications: failed.map((file) => ({
                level: 'error',
                message: { text: `${file.path}: ${file.reason ?? 'failed'}` },
                locations: [location(file.path, file.line ?? 1, file.column ?? 1)],
              })),
            },
          ],
          originalUriBaseIds: {
            SRCROOT: {
              uri: `file://${report.root.endsWith('/') ? report.root : `${report.root}/`}`,
            },
          },
          results: [...report.violations, ...report.followUps].map((finding) => ({
            ruleId: finding.ruleId,
            ruleIndex: ruleIndex.get(finding.ruleId),
            level: finding.level,
            message: { text: finding.message },
            locations: [location(finding.path, finding.line, finding.column)],
          })),
        },
      ],
    },
    null,
    2,
  );
}

function location(path: string, line: number, column: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: path, uriBaseId: 'SRCROOT' },
      region: { startLine: line, startColumn: column },
    },
  };
}
