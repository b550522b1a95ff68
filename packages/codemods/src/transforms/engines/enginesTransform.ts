import { auditSource } from '../../audit/auditFile.js';
import type { AuditRule } from '../../audit/rules/auditRule.js';
import { AUDIT_RULES } from '../../audit/rules/ruleSet.js';
import type { RepositoryScan } from '../../migration/repositoryScan.js';
import type { SourceTransform, TransformContext } from '../../runner/sourceTransform.js';
import { apiPhaseTransform } from '../shared/apiPhase.js';
import { argumentAt, hasSpread } from '../shared/callSites.js';
import type { Edits } from '../shared/edits.js';
import { ensureTargetImport, pruneTargetImport } from '../shared/imports.js';
import type { LegacyFile, Node } from '../shared/legacyFile.js';
import {
  constructOnTracker,
  getterToSingleton,
  replaceWithSingleton,
} from '../shared/valueRewrites.js';
import { EXECUTION_TRACKER_METHODS } from './executionTrackerMethods.js';
import { rewriteManualIds } from './manualIds.js';

// The audit's own rules find what this phase rewrites or marks: one rule set, never a copy.
const ENGINE_RULES: readonly AuditRule[] = AUDIT_RULES.filter((rule) =>
  ['AET004', 'AET005', 'AET101', 'AET102', 'AET103'].includes(rule.id),
);

/** `new AgentExecutionTracker(config?)` → `createExecutionTracker(config)` or the singleton. */
function rewriteConstructions(file: LegacyFile, edits: Edits, line: number, column: number): void {
  const path = file.index.at(line, column, ['NewExpression']);
  if (path === undefined) return;
  const args = (path.node as Node & { arguments: Node[] }).arguments;
  if (hasSpread(args) || args.length > 1) {
    edits.mark(
      path,
      line,
      'new AgentExecutionTracker(…): use createExecutionTracker(config) or getExecutionTracker()',
    );
    return;
  }
  const config = argumentAt(args, 0);
  if (config === undefined) {
    replaceWithSingleton(file, path, 'executionTracker');
    edits.rewrote(line, 'new AgentExecutionTracker() → getExecutionTracker()');
    return;
  }
  const create = ensureTargetImport(file, 'createExecutionTracker');
  file.j(path).replaceWith(file.j.callExpression(file.j.identifier(create), [config as never]));
  edits.rewrote(line, 'new AgentExecutionTracker(config) → createExecutionTracker(config)');
}

function engineExtras(file: LegacyFile, edits: Edits, context: TransformContext): void {
  // Hand-minted ids and follow-ups only where the SSOT is in use (never in unrelated packages).
  if (!file.scan.inScope(context.path)) return;
  const { findings } = auditSource(context.path, context.source, ENGINE_RULES, file.scan.config);
  rewriteManualIds(
    file,
    edits,
    findings.filter((finding) => finding.ruleId === 'AET005'),
  );
  const constructions = findings.filter((finding) => finding.ruleId === 'AET004');
  for (const finding of constructions)
    rewriteConstructions(file, edits, finding.line, finding.column);
  // One reference walk for all of them: the class import goes once nothing uses it.
  if (constructions.length > 0) pruneTargetImport(file, 'AgentExecutionTracker');
  for (const finding of findings) {
    if (finding.level !== 'warning') continue;
    const path = file.index.at(finding.line, finding.column);
    const rule = ENGINE_RULES.find((each) => each.id === finding.ruleId);
    if (path === undefined || rule === undefined) continue;
    edits.mark(path, finding.line, `${finding.message}: ${rule.fixHint}`);
  }
}

/**
 * Phase 4, `engines`: the legacy `ExecutionTracker` onto the tracker, hand-minted execution and
 * run ids onto `UnifiedIDManager`, direct `new AgentExecutionTracker` onto the factory functions,
 * and markers on engine-private state maps and hand-rolled timeouts (left for a human).
 */
export function enginesTransform(scan: RepositoryScan): SourceTransform {
  return apiPhaseTransform(
    {
      name: 'engines',
      api: 'executionTracker',
      methods: EXECUTION_TRACKER_METHODS,
      construct: constructOnTracker,
      functions: { initExecutionTracker: initToSingleton, getExecutionTracker: namespacedGetter },
      extra: engineExtras,
      extraTokens: ENGINE_RULES.flatMap((rule) => rule.tokens(scan.config)),
    },
    scan,
  );
}

/**
 * `legacy.getExecutionTracker()` through a namespace → the SSOT's `getExecutionTracker()`. A
 * named import of it moves to the SSOT module as it is (the name means the same there).
 */
const namespacedGetter: typeof getterToSingleton = (path, node, file, name) => {
  if ((node['callee'] as Node).type === 'Identifier') return {};
  return getterToSingleton(path, node, file, name);
};

/** `await initExecutionTracker()` → `getExecutionTracker()` (a promise where one was expected). */
const initToSingleton: typeof getterToSingleton = (path, node, file, name) => {
  const parent = path.parent as { node: Node } | null;
  const awaited = parent?.node.type === 'AwaitExpression';
  const outcome = getterToSingleton(awaited ? (path.parent as never) : path, node, file, name);
  if (!awaited && outcome.rewritten !== undefined) {
    return {
      ...outcome,
      marker:
        'initExecutionTracker() returned a promise; getExecutionTracker() returns the tracker',
    };
  }
  return outcome;
};
