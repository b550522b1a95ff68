import type { ASTNode } from 'jscodeshift';
import { nameOf, positionOf, type AuditRule, type RuleContext } from './auditRule.js';
import {
  legacyApiOfModule,
  legacyApiOfName,
  legacyTokens,
  type LegacyApi,
} from './legacyModules.js';

interface LegacyUse {
  readonly api: LegacyApi;
  readonly node: ASTNode;
  readonly what: string;
}

/**
 * Every import, re-export, `require` and dynamic `import()` of a legacy module in the file, with
 * the API it brings in. Comments and strings never match: only module specifiers of real
 * import forms are read.
 */
function legacyUses({ j, root, config }: RuleContext): LegacyUse[] {
  const uses: LegacyUse[] = [];
  const fromModule = (
    specifier: unknown,
    node: ASTNode,
    names: readonly string[],
    form: string,
  ): void => {
    if (typeof specifier !== 'string') return;
    const { legacy, api } = legacyApiOfModule(specifier, config);
    if (!legacy) return;
    const apis = new Set<LegacyApi>();
    if (api !== undefined) apis.add(api);
    for (const name of names) {
      const byName = legacyApiOfName(name);
      if (byName !== undefined && api === undefined) apis.add(byName);
    }
    // A legacy entry imported whole (namespace, side effect, require) brings in all three.
    if (apis.size === 0)
      for (const all of ['stateTracker', 'timeoutManager', 'executionTracker'] as const)
        apis.add(all);
    for (const each of apis)
      uses.push({ api: each, node, what: `${form} of ${JSON.stringify(specifier)}` });
  };

  root.find(j.ImportDeclaration).forEach((path) => {
    const names = (path.node.specifiers ?? []).map((s) =>
      s.type === 'ImportSpecifier' ? nameOf(s.imported.name) : '',
    );
    const typeOnly = path.node.importKind === 'type';
    fromModule(
      path.node.source.value,
      path.node,
      names.filter(Boolean),
      typeOnly ? 'type import' : 'import',
    );
  });
  root.find(j.ExportNamedDeclaration).forEach((path) => {
    if (path.node.source === null || path.node.source === undefined) return;
    const names = (path.node.specifiers ?? []).flatMap((s) =>
      s.type === 'ExportSpecifier' ? [nameOf((s.local ?? s.exported).name)] : [],
    );
    fromModule(path.node.source.value, path.node, names, 're-export');
  });
  root.find(j.ExportAllDeclaration).forEach((path) => {
    fromModule(path.node.source.value, path.node, [], 're-export');
  });
  root.find(j.CallExpression).forEach((path) => {
    const { callee, arguments: args } = path.node;
    const first = args[0];
    const isRequire = callee.type === 'Identifier' && callee.name === 'require';
    const isDynamicImport = callee.type === 'Import';
    if (!(isRequire || isDynamicImport) || first === undefined) return;
    if (first.type !== 'StringLiteral' && first.type !== 'Literal') return;
    fromModule(
      (first as { value: unknown }).value,
      path.node,
      [],
      isRequire ? 'require' : 'dynamic import',
    );
  });
  root.find(j.ImportExpression).forEach((path) => {
    const source = path.node.source;
    if (source.type === 'StringLiteral' || source.type === 'Literal') {
      fromModule((source as { value: unknown }).value, path.node, [], 'dynamic import');
    }
  });
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
