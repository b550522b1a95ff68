import { createExecutionTracker, ManualClock, type LegacyNotifier } from '@aet/tracker-core';
import { vi } from 'vitest';

/** A strict SSOT tracker on a ManualClock, as the shims find it in a migrating code base. */
export function setup() {
  const clock = new ManualClock(1_700_000_000_000);
  const tracker = createExecutionTracker({ clock, store: null });
  return { clock, tracker };
}

/** A legacy WebSocket manager that records its calls. */
export function recordingNotifier() {
  return {
    notifyAgentStarted: vi.fn(),
    notifyAgentThinking: vi.fn(),
    notifyToolExecuting: vi.fn(),
    notifyToolCompleted: vi.fn(),
    notifyAgentCompleted: vi.fn(),
    notifyAgentError: vi.fn(),
  } satisfies LegacyNotifier;
}

export const USER = 'user-7a1b2c';
export const RUN = 'run-9f8e7d';
