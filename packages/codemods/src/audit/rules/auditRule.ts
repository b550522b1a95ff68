import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';
import type { AetConfig } from '../../config/aetConfig.js';

/** The migration phase that removes a finding (DESIGN §5). */
export type MigrationPhase = 'prepare' | 'state' | 'timeouts' | 'engines' | 'finalize';

/** `error`: a violation (certain, fixed by a phase); `warning`: a follow-up (heuristic, needs a human). */
export type RuleLevel = 'error' | 'warning';

/** One place a rule matched. */
export interface Finding {
  readonly ruleId: string;
  readonly level: RuleLevel;
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly message: string;
}

/** What a rule sees of one file. */
export interface RuleContext {
  readonly j: JSCodeshift;
  readonly root: Collection;
  readonly source: string;
  readonly path: string;
  readonly config: AetConfig;
}

/** An audit rule: DESIGN §6. */
export interface AuditRule {
  /** `AET001`, … */
  readonly id: string;
  /** kebab-case name. */
  readonly name: string;
  readonly level: RuleLevel;
  /** What the rule finds, in one sentence. */
  readonly description: string;
  /** How to fix it. */
  readonly fixHint: string;
  readonly phase: MigrationPhase;
  /** The rule can only match a file containing one of these strings (checked before parsing). */
  tokens(config: AetConfig): readonly string[];
  check(context: RuleContext): Omit<Finding, 'ruleId' | 'level' | 'path'>[];
}

/** 1-based line and column of a node, or of the file start. @internal */
export function positionOf(node: ASTNode): { line: number; column: number } {
  const loc = (node as { loc?: { start: { line: number; column: number } } | null }).loc;
  return loc ? { line: loc.start.line, column: loc.start.column + 1 } : { line: 1, column: 1 };
}

/** The text of an identifier-like node name (`name` may be a string or a nested identifier). @internal */
export function nameOf(value: unknown): string {
  if (typeof value === 'string') return value;
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : '';
}
