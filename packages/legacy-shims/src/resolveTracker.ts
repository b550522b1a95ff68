import {
  getExecutionTracker,
  systemClock,
  type AgentExecutionTracker,
  type Clock,
} from '@aet/tracker-core';

/** Options every shim takes. */
export interface ShimOptions {
  /** The tracker that holds the state. @default the process singleton, resolved at each call */
  readonly tracker?: AgentExecutionTracker;
}

/**
 * The tracker a shim delegates to: the one given, or the process singleton, looked up at each
 * call so that `configureExecutionTracker` before first use still applies.
 * @internal
 */
export function resolveTracker(options: ShimOptions | undefined): () => AgentExecutionTracker {
  const given = options?.tracker;
  return given === undefined ? getExecutionTracker : () => given;
}

/** The clock the tracker runs on, so shims measure time the way the tracker does. @internal */
export function clockOf(tracker: AgentExecutionTracker): Clock {
  return tracker.configuration.clock ?? systemClock;
}
