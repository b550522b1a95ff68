import type { AetConfig } from '../../config/aetConfig.js';

/** The three legacy APIs. */
export type LegacyApi = 'stateTracker' | 'timeoutManager' | 'executionTracker';

const API_BY_SUFFIX: Readonly<Record<string, LegacyApi>> = {
  'agent-state-tracker': 'stateTracker',
  'execution-timeout-manager': 'timeoutManager',
  'execution-tracker': 'executionTracker',
};

const API_BY_NAME: Readonly<Record<string, LegacyApi>> = {
  AgentStateTracker: 'stateTracker',
  getAgentStateTracker: 'stateTracker',
  AgentExecutionState: 'stateTracker',
  ExecutionSummary: 'stateTracker',
  AgentExecutionTimeoutManager: 'timeoutManager',
  getTimeoutManager: 'timeoutManager',
  configureTimeoutManager: 'timeoutManager',
  ExecutionStats: 'timeoutManager',
  ExecutionTracker: 'executionTracker',
  getExecutionTracker: 'executionTracker',
  initExecutionTracker: 'executionTracker',
  HealthStatus: 'executionTracker',
};

/**
 * Which legacy API a module specifier is, when it is one: a configured module (subpaths tell the
 * API), or a local path ending in a legacy suffix (with or without an extension). `undefined`
 * for a legacy module that does not say (the package entry): the imported names decide.
 */
export function legacyApiOfModule(
  specifier: string,
  config: AetConfig,
): { legacy: boolean; api: LegacyApi | undefined } {
  const bare = specifier.replace(/\.(c|m)?[jt]sx?$/, '').replace(/\/index$/, '');
  const suffix = config.legacyPathSuffixes.find((s) => bare === s || bare.endsWith(`/${s}`));
  const configured = config.legacyModules.includes(specifier);
  const local = specifier.startsWith('.') || specifier.startsWith('/');
  if (!configured && !(local && suffix !== undefined)) return { legacy: false, api: undefined };
  return { legacy: true, api: suffix === undefined ? undefined : API_BY_SUFFIX[suffix] };
}

/** The legacy API an imported name belongs to. */
export function legacyApiOfName(name: string): LegacyApi | undefined {
  return API_BY_NAME[name];
}

/** Strings whose presence a file needs before the import rules can match it. */
export function legacyTokens(config: AetConfig): string[] {
  return [...config.legacyModules, ...config.legacyPathSuffixes];
}
