// Registers the kit's matchers: add `@aet/test-kit/setup` to vitest's `setupFiles`.
import type { AgentExecutionPhase, UserExecutionScope } from '@aet/tracker-core';
import { expect } from 'vitest';
import { aetMatchers } from './matchers.js';

expect.extend(aetMatchers);

declare module 'vitest' {
  // The type parameter must be named and defaulted exactly as vitest declares it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
  interface Matchers<T = any> {
    /** The five critical events, first occurrences in order, gapless `seq` per execution. */
    toHaveEmittedCriticalEvents(options?: { executionId?: string }): void;
    /** `seq` runs 1, 2, 3… per execution. */
    toHaveGaplessSequence(): void;
    /** The phase history visits `phases` in this order. */
    toHaveTransitionedThrough(phases: readonly AgentExecutionPhase[]): void;
    /** A terminal state, or a record in one. */
    toBeTerminal(): void;
    /** Neither scope can read the other's executions. */
    toBeIsolatedFrom(other: UserExecutionScope): void;
  }
}
