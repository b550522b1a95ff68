import type { RepositoryScan } from '../../migration/repositoryScan.js';
import type { SourceTransform } from '../../runner/sourceTransform.js';
import { apiPhaseTransform, type MethodRewrite, type ValueRewrite } from '../shared/apiPhase.js';
import {
  argumentAt,
  asCallback,
  hasSpread,
  SPREAD,
  objectOf,
  renameMethod,
  renameTo,
  setArguments,
} from '../shared/callSites.js';
import { ensureTargetImport } from '../shared/imports.js';
import type { Node } from '../shared/legacyFile.js';
import { getterToSingleton, replaceWithSingleton, trackerOption } from '../shared/valueRewrites.js';

/**
 * `executeAgentWithTimeout(fn, agentName, runId, notifier?)` →
 * `trackExecutionWithTimeout({ agentName, userId: UNSCOPED_USER_ID, runId, notifier }, fn)`.
 */
const executeAgentWithTimeout: MethodRewrite = (site, file) => {
  const { j } = file;
  const args = site.call.arguments;
  if (hasSpread(args)) return SPREAD;
  const [fn, agentName, runId] = args;
  if (fn === undefined || agentName === undefined || runId === undefined)
    return { marker: 'executeAgentWithTimeout needs a function, an agent name and a run id' };
  const unscoped = ensureTargetImport(file, 'UNSCOPED_USER_ID');
  renameMethod(j, site, 'trackExecutionWithTimeout');
  setArguments(site, [
    objectOf(j, [
      ['agentName', agentName],
      ['userId', j.identifier(unscoped) as unknown as Node],
      ['runId', runId],
      ['notifier', argumentAt(args, 3)],
    ]),
    asCallback(j, fn),
  ]);
  return {
    rewritten: 'executeAgentWithTimeout → trackExecutionWithTimeout',
    marker:
      'the timeout manager never knew the user: pass the real user id instead of UNSCOPED_USER_ID',
  };
};

/** `executeLlmWithCircuitBreaker(fn, op?)` → `executeWithCircuitBreaker('llm', fn, { operation })`. */
const executeLlmWithCircuitBreaker: MethodRewrite = (site, file) => {
  const { j } = file;
  const args = site.call.arguments;
  if (hasSpread(args)) return SPREAD;
  const [fn] = args;
  if (fn === undefined) return { marker: 'executeLlmWithCircuitBreaker needs a function' };
  renameMethod(j, site, 'executeWithCircuitBreaker');
  setArguments(site, [
    j.stringLiteral('llm') as unknown as Node,
    asCallback(j, fn),
    objectOf(j, [
      ['operation', argumentAt(args, 1) ?? (j.stringLiteral('llm_request') as unknown as Node)],
    ]),
  ]);
  return { rewritten: "executeLlmWithCircuitBreaker → executeWithCircuitBreaker('llm', …)" };
};

/** `executeWithRetry(fn, op?)` → `executeWithRetry(fn, { operation })`. */
const executeWithRetry: MethodRewrite = (site, file) => {
  const { j } = file;
  const args = site.call.arguments;
  if (hasSpread(args)) return SPREAD;
  const [fn] = args;
  if (fn === undefined) return { marker: 'executeWithRetry needs a function' };
  const operation = argumentAt(args, 1);
  setArguments(site, [
    asCallback(j, fn),
    ...(operation === undefined ? [] : [objectOf(j, [['operation', operation]])]),
  ]);
  return { rewritten: 'executeWithRetry(fn, op) → executeWithRetry(fn, { operation })' };
};

/** The shim's `createFallbackResponse` is the tracker's, with the same arguments and result. */
const createFallbackResponse: MethodRewrite = () => ({
  rewritten: 'createFallbackResponse: the same call on the tracker',
});

export const TIMEOUT_METHODS: Readonly<Record<string, MethodRewrite>> = {
  executeAgentWithTimeout,
  executeLlmWithCircuitBreaker,
  executeWithRetry,
  createFallbackResponse,
  getExecutionStats: renameTo(
    'getMetrics',
    "getExecutionStats() became getMetrics(): the LLM breaker is tracker.circuitBreakerStatus('llm'), the config tracker.configuration.timeoutConfig",
  ),
};

/**
 * `new AgentExecutionTimeoutManager()` → `getExecutionTracker()`; `(undefined, { tracker })` → the
 * tracker (whose timeout config the manager used); `(config)` → `createExecutionTracker({
 * timeoutConfig: config })`. A config and a tracker together cannot be merged safely: a marker.
 */
const constructTimeoutManager: ValueRewrite = (path, node, file, name) => {
  const { j } = file;
  const args = node.arguments;
  if (hasSpread(args) || args.length > 2)
    return { marker: `new ${name}(…) with these arguments: construct the tracker by hand` };
  const config = argumentAt(args, 0);
  const options = argumentAt(args, 1);
  if (config === undefined && options === undefined) {
    replaceWithSingleton(file, path, 'timeoutManager');
    return { rewritten: `new ${name}() → getExecutionTracker()` };
  }
  if (config === undefined) {
    const tracker = trackerOption(options);
    if (tracker === undefined)
      return { marker: `new ${name}(undefined, options): only { tracker } has an SSOT equivalent` };
    j(path).replaceWith(tracker as never);
    return { rewritten: `new ${name}(undefined, { tracker }) → the tracker` };
  }
  if (options !== undefined)
    return {
      marker: `new ${name}(config, { tracker }): configure that tracker with timeoutConfig and pass it instead`,
    };
  const create = ensureTargetImport(file, 'createExecutionTracker');
  j(path).replaceWith(
    j.callExpression(j.identifier(create), [objectOf(j, [['timeoutConfig', config]]) as never]),
  );
  return { rewritten: `new ${name}(config) → createExecutionTracker({ timeoutConfig })` };
};

/** `configureTimeoutManager(config)` → `configureExecutionTracker({ timeoutConfig: config })`. */
const configureTimeoutManager: ValueRewrite = (path, node, file) => {
  const { j } = file;
  const config = argumentAt(node.arguments, 0);
  if (config === undefined || node.arguments.length !== 1)
    return { marker: 'configureTimeoutManager takes one config object' };
  const configure = ensureTargetImport(file, 'configureExecutionTracker');
  j(path).replaceWith(
    j.callExpression(j.identifier(configure), [objectOf(j, [['timeoutConfig', config]]) as never]),
  );
  return {
    rewritten: 'configureTimeoutManager → configureExecutionTracker({ timeoutConfig })',
    marker: 'configureExecutionTracker must run before the tracker is first used',
  };
};

/** Phase 3, `timeouts`: the legacy `AgentExecutionTimeoutManager` onto the tracker. */
export function timeoutsTransform(scan: RepositoryScan): SourceTransform {
  return apiPhaseTransform(
    {
      name: 'timeouts',
      api: 'timeoutManager',
      methods: TIMEOUT_METHODS,
      construct: constructTimeoutManager,
      functions: { getTimeoutManager: getterToSingleton, configureTimeoutManager },
    },
    scan,
  );
}
