import type { AstNode } from '../astIndex.js';
import {
  child,
  children,
  nameOf,
  positionOf,
  stringValue,
  type AuditRule,
  type RuleContext,
} from './auditRule.js';
import {
  legacyApiOfModule,
  legacyApiOfName,
  legacyTokens,
  type LegacyApi,
} from './legacyModules.js';

interface LegacyUse {
  readonly api: LegacyApi;
  readonly node: AstNode;
  readonly what: string;
}

// The three import rules read the same uses; they are found once per file.
const usesCache = new WeakMap<RuleContext['index'], LegacyUse[]>();

/**
 * Every import, re-export, `require` and dynamic `import()` of a legacy module in the file, with
 * the API it brings in. Comments and strings never match: only module specifiers of real import
 * forms are read.
 */
function legacyUses({ index, config }: RuleContext): LegacyUse[] {
  const cached = usesCache.get(index);
  if (cached !== undefined) return cached;
  const uses: LegacyUse[] = [];
  const fromModule = (
    specifier: string | undefined,
    node: AstNode,
    names: readonly string[],
    form: string,
  ): void => {
    if (specifier === undefined) return;
    const { legacy, api } = legacyApiOfModule(specifier, config);
    if (!legacy) return;
    const apis = new Set<LegacyApi>();
    if (api !== undefined) apis.add(api);
    else
      for (const name of names) {
        const byName = legacyApiOfName(name);
        if (byName !== undefined) apis.add(byName);
      }
    // A legacy entry brought in whole (namespace, side effect, require) is all three APIs.
    if (apis.size === 0)
      for (const all of ['stateTracker', 'timeoutManager', 'executionTracker'] as const)
        apis.add(all);
    for (const each of apis)
      uses.push({ api: each, node, what: `${form} of ${JSON.stringify(specifier)}` });
  };

  for (const node of index.of('ImportDeclaration')) {
    const names = children(node, 'specifiers').flatMap((s) =>
      s.type === 'ImportSpecifier' ? [nameOf(child(s, 'imported'))] : [],
    );
    fromModule(
      stringValue(child(node, 'source')),
      node,
      names,
      node.importKind === 'type' ? 'type import' : 'import',
    );
  }
  for (const node of index.of('ExportNamedDeclaration')) {
    const names = children(node, 'specifiers').flatMap((s) =>
      s.type === 'ExportSpecifier' ? [nameOf(child(s, 'local') ?? child(s, 'exported'))] : [],
    );
    fromModule(stringValue(child(node, 'source')), node, names, 're-export');
  }
  for (const node of index.of('ExportAllDeclaration')) {
    fromModule(stringValue(child(node, 'source')), node, [], 're-export');
  }
  for (const node of index.of('CallExpression')) {
    const callee = child(node, 'callee');
    const first = children(node, 'arguments')[0];
    if (callee?.type === 'Identifier' && callee.name === 'require')
      fromModule(stringValue(first), node, [], 'require');
    else if (callee?.type === 'Import') fromModule(stringValue(first), node, [], 'dynamic import');
  }
  for (const node of index.of('ImportExpression')) {
    fromModule(stringValue(child(node, 'source')), node, [], 'dynamic import');
  }
  uses.sort((a, b) => (a.node.loc?.start.line ?? 0) - (b.node.loc?.start.line ?? 0));
  usesCache.set(index, uses);
  return uses;
}

function legacyImportRule(
  id: string,
  name: string,
  api: LegacyApi,
  apiName: string,
  phase: AuditRule['phase'],
  fixHint: string,
): AuditRule {
  return {
    id,
    name,
    level: 'error',
    description: `imports the legacy ${apiName}`,
    fixHint,
    phase,
    tokens: legacyTokens,
    check: (context) =>
      legacyUses(context)
        .filter((use) => use.api === api)
        .map((use) => ({ ...positionOf(use.node), message: `${use.what}: the legacy ${apiName}` })),
  };
}

/** AET001–AET003: one rule per legacy API. */
export const legacyImportRules: readonly AuditRule[] = [
  legacyImportRule(
    'AET001',
    'legacy-state-tracker-import',
    'stateTracker',
    'AgentStateTracker',
    'state',
    'aet migrate --phase state: phases go through tracker.transitionState, completion through completeExecution + cleanupState',
  ),
  legacyImportRule(
    'AET002',
    'legacy-timeout-manager-import',
    'timeoutManager',
    'AgentExecutionTimeoutManager',
    'timeouts',
    'aet migrate --phase timeouts: trackExecutionWithTimeout, executeWithCircuitBreaker, executeWithRetry',
  ),
  legacyImportRule(
    'AET003',
    'legacy-execution-tracker-import',
    'executionTracker',
    'ExecutionTracker',
    'engines',
    'aet migrate --phase engines: createExecution / heartbeat / completeExecution on the SSOT tracker',
  ),
];
