import { expect, expectTypeOf, test } from 'vitest';
import type { AgentExecutionPhase, UserExecutionScope } from '@aet/tracker-core';
import '@aet/test-kit/setup';

test('the matchers are typed on expect()', () => {
  expectTypeOf(expect([]).toHaveEmittedCriticalEvents).parameters.toEqualTypeOf<
    [options?: { executionId?: string }]
  >();
  expectTypeOf(expect({}).toHaveTransitionedThrough)
    .parameter(0)
    .toEqualTypeOf<readonly AgentExecutionPhase[]>();
  expectTypeOf(expect({}).toBeIsolatedFrom).parameter(0).toEqualTypeOf<UserExecutionScope>();
  expectTypeOf(expect('dead').not.toBeTerminal).toBeFunction();
  // @ts-expect-error: phases must be AgentExecutionPhase values
  expect({}).toHaveTransitionedThrough(['planning']);
  // @ts-expect-error: the option is executionId
  expect([]).toHaveEmittedCriticalEvents({ runId: 'x' });
});
