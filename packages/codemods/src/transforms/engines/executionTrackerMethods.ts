import type { MethodRewrite, RewriteOutcome } from '../shared/apiPhase.js';
import {
  argumentAt,
  hasSpread,
  SPREAD,
  objectOf,
  renameMethod,
  renameTo,
  setArguments,
  unwrapLegacyPromise,
  type CallSite,
} from '../shared/callSites.js';
import { toCompatFunction } from '../shared/compatCall.js';
import type { LegacyFile, Node } from '../shared/legacyFile.js';

/** A legacy async method whose SSOT equivalent is the same call, returning the value itself. */
function sameCallUnwrapped(to?: string): MethodRewrite {
  return (site, file) => {
    if (to !== undefined) renameMethod(file.j, site, to);
    unwrapLegacyPromise(file.j, site);
    return {
      rewritten: to === undefined ? `${site.method} (now synchronous)` : `${site.method} → ${to}`,
    };
  };
}

/**
 * `registerExecution(agentName, correlationId, threadId, userId, timeoutSeconds = 30)` →
 * `createExecution({ agentName, userId, threadId, timeoutSeconds, metadata: { correlationId } })`.
 */
const registerExecution: MethodRewrite = (site, file) => {
  const { j } = file;
  const args = site.call.arguments;
  if (hasSpread(args)) return SPREAD;
  const [agentName, correlationId, threadId, userId] = args;
  if (
    agentName === undefined ||
    correlationId === undefined ||
    threadId === undefined ||
    userId === undefined
  )
    return { marker: 'registerExecution needs agentName, correlationId, threadId and userId' };
  renameMethod(j, site, 'createExecution');
  setArguments(site, [
    objectOf(j, [
      ['agentName', agentName],
      ['userId', userId],
      ['threadId', threadId],
      ['timeoutSeconds', argumentAt(args, 4) ?? (j.numericLiteral(30) as unknown as Node)],
      ['metadata', objectOf(j, [['correlationId', correlationId]])],
    ]),
  ]);
  unwrapLegacyPromise(j, site);
  return { rewritten: 'registerExecution → createExecution' };
};

/** Whether an expression can never evaluate to `undefined` (so an error argument is an error). */
function isDefinitelyDefined(node: Node): boolean {
  switch (node.type as string) {
    case 'StringLiteral':
    case 'TemplateLiteral':
    case 'NewExpression':
    case 'BinaryExpression':
      return true;
    case 'ConditionalExpression':
      return (
        isDefinitelyDefinedOrNarrowed(node['consequent'] as Node) &&
        isDefinitelyDefinedOrNarrowed(node['alternate'] as Node)
      );
    case 'CallExpression': {
      const callee = node['callee'] as Node;
      return callee.type === 'Identifier' && callee['name'] === 'String';
    }
    default:
      return false;
  }
}

// In `e instanceof Error ? e : String(e)` the name is narrowed by the test: defined.
function isDefinitelyDefinedOrNarrowed(node: Node): boolean {
  return node.type === 'Identifier' ? node['name'] !== 'undefined' : isDefinitelyDefined(node);
}

/**
 * `completeExecution(id, result?, error?)` → `failExecution(id, error)` when an error is passed,
 * else `completeExecution(id, { result })`. An error argument that may be undefined at run time
 * decides between the two only then: a marker.
 */
const completeExecution: MethodRewrite = (site, file) => {
  const { j } = file;
  const args = site.call.arguments;
  if (hasSpread(args)) return SPREAD;
  const [id] = args;
  if (id === undefined) return { marker: 'completeExecution needs an execution id' };
  const result = argumentAt(args, 1);
  const error = argumentAt(args, 2);
  if (error !== undefined) {
    if (!isDefinitelyDefined(error))
      return {
        marker:
          'completeExecution(id, result, error): call failExecution(id, error) when there is an error, else completeExecution(id, { result })',
      };
    renameMethod(j, site, 'failExecution');
    setArguments(site, [id, error]);
    unwrapLegacyPromise(j, site);
    return { rewritten: 'completeExecution(id, _, error) → failExecution(id, error)' };
  }
  setArguments(site, [id, ...(result === undefined ? [] : [objectOf(j, [['result', result]])])]);
  unwrapLegacyPromise(j, site);
  return { rewritten: 'completeExecution(id, result) → completeExecution(id, { result })' };
};

/** `killExecution(id, reason = 'killed')` → `cancelExecution(id, reason)`. */
const killExecution: MethodRewrite = (site, file) => {
  const { j } = file;
  const args = site.call.arguments;
  if (hasSpread(args)) return SPREAD;
  const [id] = args;
  if (id === undefined) return { marker: 'killExecution needs an execution id' };
  renameMethod(j, site, 'cancelExecution');
  setArguments(site, [id, argumentAt(args, 1) ?? (j.stringLiteral('killed') as unknown as Node)]);
  unwrapLegacyPromise(j, site);
  return { rewritten: 'killExecution → cancelExecution' };
};

const registerRecoveryCallback = (): RewriteOutcome => ({
  marker:
    'registerRecoveryCallback(cb) has no single SSOT call: use tracker.onDeath(cb) and tracker.onTimeout(cb), and filter to your executions',
});

/**
 * `x.getHealthStatus()` → `legacyHealthStatus(x)`: the same report (healthy flag, stuck details)
 * computed from the tracker, with the modern calls suggested. Through `?.` the receiver may be
 * missing: that call is left for a human.
 */
const getHealthStatus: MethodRewrite = (site, file) =>
  site.call.arguments.length > 0
    ? { marker: 'getHealthStatus takes no arguments' }
    : toCompatFunction(
        site,
        file,
        'legacyHealthStatus',
        'getHealthStatus() through ?.: use legacyHealthStatus(tracker) where the tracker is there',
      );

export const EXECUTION_TRACKER_METHODS: Readonly<Record<string, MethodRewrite>> = {
  registerExecution,
  startExecution: sameCallUnwrapped(),
  heartbeat: sameCallUnwrapped(),
  completeExecution,
  killExecution,
  collectMetrics: renameTo('getMetrics'),
  getHealthStatus,
  registerRecoveryCallback,
};

export type { CallSite, LegacyFile };
