import type { AetConfig } from '../../config/aetConfig.js';
import type { AstIndex, AstNode } from '../astIndex.js';

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

/** What a rule sees of one file: its index of nodes (one parse, one walk, shared by every rule). */
export interface RuleContext {
  readonly index: AstIndex;
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

/** 1-based line and column of a node. @internal */
export function positionOf(node: AstNode): { line: number; column: number } {
  return node.loc
    ? { line: node.loc.start.line, column: node.loc.start.column + 1 }
    : { line: 1, column: 1 };
}

/** A child node field, or undefined. @internal */
export function child(node: AstNode | undefined, field: string): AstNode | undefined {
  const value = node?.[field];
  return typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
    ? (value as AstNode)
    : undefined;
}

/** A list of child nodes (empty when absent). @internal */
export function children(node: AstNode | undefined, field: string): AstNode[] {
  const value = node?.[field];
  return Array.isArray(value) ? (value as AstNode[]) : [];
}

/** The name of an identifier (or string literal) node, or ''. @internal */
export function nameOf(node: AstNode | undefined): string {
  if (node === undefined) return '';
  if (node.type === 'Identifier' || node.type === 'JSXIdentifier')
    return typeof node.name === 'string' ? node.name : '';
  if (node.type === 'StringLiteral') return typeof node.value === 'string' ? node.value : '';
  return '';
}

/** The value of a string literal node, or undefined. @internal */
export function stringValue(node: AstNode | undefined): string | undefined {
  return node?.type === 'StringLiteral' && typeof node.value === 'string' ? node.value : undefined;
}
