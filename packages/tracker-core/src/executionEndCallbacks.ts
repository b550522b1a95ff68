import type { ExecutionRecord } from './executionRecord.js';
import { callIsolated } from './isolatedCall.js';
import type { ExecutionEndCallback } from './trackerOptions.js';

/** The ends of an execution that callbacks can be registered for. @internal */
export type ExecutionEndKind = 'dead' | 'timeout';

/**
 * The `onDeath` and `onTimeout` callbacks. A callback that throws or rejects is isolated: the
 * others still run, and the failure is reported to `onCallbackError` (the tracker counts it).
 * @internal
 */
export class ExecutionEndCallbacks {
  private readonly callbacks: Record<ExecutionEndKind, Set<ExecutionEndCallback>> = {
    dead: new Set(),
    timeout: new Set(),
  };

  constructor(private readonly onCallbackError: () => void) {}

  /** Registers `callback` for `kind`; returns the function that unregisters it. */
  add(kind: ExecutionEndKind, callback: ExecutionEndCallback): () => void {
    const callbacks = this.callbacks[kind];
    callbacks.add(callback);
    return () => callbacks.delete(callback);
  }

  /**
   * Calls every callback of `kind` with the record `snapshot` gives, taken once and only when a
   * callback is registered.
   */
  run(kind: ExecutionEndKind, snapshot: () => ExecutionRecord): void {
    const callbacks = this.callbacks[kind];
    if (callbacks.size === 0) return;
    const record = snapshot();
    for (const callback of callbacks) {
      callIsolated(() => callback(record), this.onCallbackError);
    }
  }
}
