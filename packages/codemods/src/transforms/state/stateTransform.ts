import type { RepositoryScan } from '../../migration/repositoryScan.js';
import type { SourceTransform } from '../../runner/sourceTransform.js';
import { apiPhaseTransform, type MethodRewrite } from '../shared/apiPhase.js';
import {
  argumentAt,
  hasSpread,
  SPREAD,
  isRepeatable,
  objectOf,
  renameMethod,
  setArguments,
  unwrapLegacyPromise,
  renameTo,
} from '../shared/callSites.js';
import { cloneNode } from '../shared/cloneNode.js';
import { toCompatFunction } from '../shared/compatCall.js';
import { bindBeforeDeclaration } from '../shared/statements.js';
import type { Node } from '../shared/legacyFile.js';
import { constructOnTracker, getterToSingleton } from '../shared/valueRewrites.js';

/** `startExecution(agentName, runId, userId, metadata?)` → `createExecution({ … })`. */
const startExecution: MethodRewrite = (site, file) => {
  const { j } = file;
  const args = site.call.arguments;
  if (hasSpread(args)) return SPREAD;
  const [agentName, given, userId] = args;
  if (agentName === undefined || given === undefined || userId === undefined)
    return {
      marker: 'startExecution needs agentName, runId and userId: pass them to createExecution',
    };
  // The run id is read twice (thread and run): a computed one is bound to a const first, which
  // is safe when what was evaluated before it (the receiver, the agent name) has no effects.
  const runId = isRepeatable(given)
    ? given
    : isRepeatable(site.receiver) && isRepeatable(agentName)
      ? (bindBeforeDeclaration(j, site.path, given, {
          taken: file.names,
          preferred: 'runId',
        }) as Node | undefined)
      : undefined;
  if (runId === undefined)
    return { marker: 'the run id is computed: bind it to a variable, then rerun aet migrate' };
  renameMethod(j, site, 'createExecution');
  setArguments(site, [
    objectOf(j, [
      ['agentName', agentName],
      ['userId', userId],
      ['threadId', cloneNode(runId)],
      ['runId', runId],
      ['metadata', argumentAt(args, 3)],
      // The legacy tracker had no heartbeat and no deadline (its shim: 1 h).
      ['timeoutSeconds', j.numericLiteral(3600) as unknown as Node],
      ['heartbeatTimeoutSeconds', j.nullLiteral() as unknown as Node],
    ]),
  ]);
  return {
    rewritten: 'startExecution → createExecution',
    marker:
      'AgentStateTracker knew no thread id, heartbeat or deadline: threadId is the run id, and no heartbeat deadline and a 1 h deadline keep its behaviour; pass the real thread id and let one execution carry the run',
  };
};

/** `transitionPhase(id, phase, metadata?, notifier?)` → `transitionState(id, phase, { … })`. */
const transitionPhase: MethodRewrite = (site, file) => {
  const { j } = file;
  const args = site.call.arguments;
  if (hasSpread(args)) return SPREAD;
  const [id, phase] = args;
  if (id === undefined || phase === undefined)
    return { marker: 'transitionPhase needs an execution id and a phase' };
  renameMethod(j, site, 'transitionState');
  setArguments(site, [
    id,
    phase,
    objectOf(j, [
      ['metadata', argumentAt(args, 2)],
      ['notifier', argumentAt(args, 3)],
      // The legacy tracker applied invalid transitions with a warning; strict is the SSOT default.
      ['policy', j.stringLiteral('warn') as unknown as Node],
    ]),
  ]);
  unwrapLegacyPromise(j, site);
  return { rewritten: 'transitionPhase → transitionState' };
};

/**
 * `completeExecution(id, success?)` → `completeExecution(id)` or `failExecution(id, …)`, then
 * `cleanupState(id)`: two statements, so only where the call is a statement of its own.
 */
const completeExecution: MethodRewrite = (site, file) => {
  const { j } = file;
  const args = site.call.arguments;
  if (hasSpread(args)) return SPREAD;
  const [id, success] = args;
  const statement = site.path.parent as { node: Node } | null;
  if (id === undefined) return { marker: 'completeExecution needs an execution id' };
  if (statement?.node.type !== 'ExpressionStatement') return completeInExpression(site, file);
  if (!isRepeatable(id) || !isRepeatable(site.receiver))
    return { marker: 'bind the execution id to a variable, then rerun aet migrate' };
  const call = (method: string, callArgs: Node[]): Node => {
    const callee = site.call['callee'] as Node;
    const member = (callee.type === 'OptionalMemberExpression'
      ? j.optionalMemberExpression(cloneNode(site.receiver) as never, j.identifier(method))
      : j.memberExpression(
          cloneNode(site.receiver) as never,
          j.identifier(method),
        )) as unknown as Node;
    const node =
      callee.type === 'OptionalMemberExpression'
        ? j.optionalCallExpression(member as never, callArgs as never[], false)
        : j.callExpression(member as never, callArgs as never[]);
    return node as unknown as Node;
  };
  const failure = (): Node =>
    call('failExecution', [
      cloneNode(id),
      j.stringLiteral('Agent execution failed') as unknown as Node,
    ]);
  const literal =
    success === undefined
      ? true
      : success.type === 'BooleanLiteral' || success.type === 'Literal'
        ? (success['value'] as unknown)
        : undefined;
  const outcome =
    literal === true
      ? j.expressionStatement(call('completeExecution', [cloneNode(id)]) as never)
      : literal === false
        ? j.expressionStatement(failure() as never)
        : j.ifStatement(
            success as never,
            j.blockStatement([
              j.expressionStatement(call('completeExecution', [cloneNode(id)]) as never),
            ]),
            j.blockStatement([j.expressionStatement(failure() as never)]),
          );
  const cleanup = j.expressionStatement(call('cleanupState', [cloneNode(id)]) as never);
  const original = statement.node as { comments?: unknown };
  (outcome as { comments?: unknown }).comments = original.comments;
  j(site.path.parent as never).replaceWith([outcome, cleanup] as never);
  return {
    rewritten: 'completeExecution(id, ok) → completeExecution/failExecution + cleanupState',
  };
};

/**
 * `completeExecution(id, ok)` where a value is expected (an arrow's body, a `.then` callback):
 * `legacyCompleteExecution(receiver, id, ok)`, one expression with the legacy behaviour that
 * evaluates the receiver and the arguments once, in the same order. Through `?.` the call may
 * not happen at all: that one is left for a human.
 */
const completeInExpression: MethodRewrite = (site, file) =>
  toCompatFunction(
    site,
    file,
    'legacyCompleteExecution',
    'completeExecution(id, ok) through ?. in an expression: use legacyCompleteExecution(tracker, id, ok) where the tracker is there',
  );

export const STATE_METHODS: Readonly<Record<string, MethodRewrite>> = {
  startExecution,
  transitionPhase,
  completeExecution,
  getExecutionState: renameTo('getAgentState'),
  detectStuckExecutions: renameTo('findStuckExecutions'),
  getExecutionSummary: renameTo(
    'getMetrics',
    'getExecutionSummary() became getMetrics(): successRate is a fraction 0..1 now, and there is no phase distribution',
  ),
  getActiveExecutions: () => ({
    marker: 'getActiveExecutions() returns ExecutionRecord[] now, not an object keyed by id',
  }),
};

/** Phase 2, `state`: the legacy `AgentStateTracker` onto the tracker. */
export function stateTransform(scan: RepositoryScan): SourceTransform {
  return apiPhaseTransform(
    {
      name: 'state',
      api: 'stateTracker',
      methods: STATE_METHODS,
      construct: constructOnTracker,
      functions: { getAgentStateTracker: getterToSingleton },
    },
    scan,
  );
}
