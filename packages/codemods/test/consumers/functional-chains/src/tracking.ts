// Heartbeat tracking for long-running background agents (memory compaction, nightly digests).
import { getExecutionTracker, initExecutionTracker, type ExecutionTracker } from '@aet/legacy-shims/execution-tracker';
import { loadConfig } from './config.js';

// Initialised once when the module loads; every wrapper waits on the same promise.
const trackerReady: Promise<ExecutionTracker> = initExecutionTracker();
const { heartbeatMs } = loadConfig();

export type TrackedContext = { readonly executionId: string; readonly beat: () => Promise<boolean> };
export type TrackedScope = { userId: string; threadId: string; correlationId?: string; timeoutSeconds?: number };

/** Wraps `fn`: each call is a registered, heart-beaten execution, completed or failed with its outcome. */
export function withTracking<A extends unknown[], R>(
  agentName: string,
  fn: (ctx: TrackedContext, ...args: A) => Promise<R>,
) {
  return (scope: TrackedScope, ...args: A): Promise<R> =>
    trackerReady.then((tracker) => {
      const complete = tracker.completeExecution.bind(tracker);
      const beat = (id: string) => tracker.heartbeat(id);
      let timer: NodeJS.Timeout | undefined;
      const correlationId = scope.correlationId ?? `${agentName}:${scope.threadId}`;
      return tracker
        .registerExecution(agentName, correlationId, scope.threadId, scope.userId, scope.timeoutSeconds ?? 30)
        .then((executionId) =>
          tracker
            .startExecution(executionId)
            .then(() => {
              timer = setInterval(() => void beat(executionId), heartbeatMs);
              return fn({ executionId, beat: () => beat(executionId) }, ...args);
            })
            .then(
              (result) => complete(executionId, result).then(() => result),
              (error: unknown) =>
                complete(executionId, undefined, error instanceof Error ? error : String(error)).then(
                  () => Promise.reject(error),
                ),
            ),
        )
        .finally(() => clearInterval(timer));
    });
}

/** Stops a tracked execution on request (admin "stop" button). */
export const cancelTracked = (executionId: string, reason = 'stopped by user') =>
  getExecutionTracker().killExecution(executionId, reason);

export const trackingHealth = () => getExecutionTracker().getHealthStatus();

export const trackingMetrics = () => trackerReady.then((tracker) => tracker.collectMetrics());

/** Logs executions that died or timed out, so on-call sees them. */
export const onLostExecution = (log: (line: string) => void) =>
  trackerReady.then((tracker) =>
    tracker.registerRecoveryCallback((execution) =>
      log(`lost execution ${execution.id} (${execution.agentName}) for ${execution.userId}`),
    ),
  );
