import type { AetConfig } from '../config/aetConfig.js';
import { indexAst, parseForAudit, type AstNode } from './astIndex.js';
import type { AuditRule, Finding } from './rules/auditRule.js';

/** What happened to one file. */
export type FileStatus = 'clean' | 'matched' | 'skipped' | 'failed';

/** One row of the report. */
export interface FileResult {
  readonly path: string;
  readonly status: FileStatus;
  /** Whether the file was parsed (false when the text pre-filter ruled every rule out). */
  readonly parsed: boolean;
  readonly findings: readonly Finding[];
  /** Why a file was skipped or failed (parse errors carry line and column). */
  readonly reason?: string;
  readonly line?: number;
  readonly column?: number;
}

// Each rule's pre-filter tokens, computed once per rule set and config rather than once per file.
const tokenCache = new WeakMap<
  readonly AuditRule[],
  WeakMap<AetConfig, Map<AuditRule, readonly string[]>>
>();

function tokensFor(
  rules: readonly AuditRule[],
  config: AetConfig,
): Map<AuditRule, readonly string[]> {
  let byConfig = tokenCache.get(rules);
  if (byConfig === undefined) tokenCache.set(rules, (byConfig = new WeakMap()));
  let tokens = byConfig.get(config);
  if (tokens === undefined)
    byConfig.set(config, (tokens = new Map(rules.map((rule) => [rule, rule.tokens(config)]))));
  return tokens;
}

/**
 * Audits one file's text: rules whose tokens it lacks are ruled out without parsing; the rest run
 * on one parse and one walk (an index of the node kinds they read). A parse failure is this
 * file's result, never the run's.
 */
export function auditSource(
  path: string,
  source: string,
  rules: readonly AuditRule[],
  config: AetConfig,
): FileResult {
  const tokensOf = tokensFor(rules, config);
  const candidates = rules.filter((rule) =>
    (tokensOf.get(rule) ?? []).some((token) => source.includes(token)),
  );
  if (candidates.length === 0) return { path, status: 'clean', parsed: false, findings: [] };
  let ast: AstNode;
  try {
    ast = parseForAudit(path, source);
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    return {
      path,
      status: 'failed',
      parsed: false,
      findings: [],
      reason: `cannot parse: ${(error as Error).message}`,
      ...(loc === undefined ? {} : { line: loc.line, column: loc.column + 1 }),
    };
  }
  const index = indexAst(ast);
  const findings: Finding[] = [];
  for (const rule of candidates) {
    for (const found of rule.check({ index, source, path, config })) {
      findings.push({ ruleId: rule.id, level: rule.level, path, ...found });
    }
  }
  findings.sort(
    (a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
  return { path, status: findings.length > 0 ? 'matched' : 'clean', parsed: true, findings };
}
