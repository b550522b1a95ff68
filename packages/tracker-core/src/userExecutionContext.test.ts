import { describe, expect, it } from 'vitest';
import { InvalidUserContextError } from './errors.js';
import {
  assertRealId,
  createUserExecutionContext,
  UNSCOPED_USER_ID,
} from './userExecutionContext.js';

const valid = { userId: 'user-8f2a', threadId: 'thread-19c3', runId: 'run-77d1' };

describe(createUserExecutionContext, () => {
  it('freezes a valid context and generates the request id', () => {
    const context = createUserExecutionContext(valid);
    expect(context).toMatchObject(valid);
    expect(context.requestId).toMatch(/^req_/);
    expect(Object.isFrozen(context)).toBe(true);
    expect(Object.isFrozen(context.metadata)).toBe(true);
    expect(createUserExecutionContext(context)).toBe(context);
  });

  it.each([
    'test',
    'default',
    'null',
    'undefined',
    'placeholder',
    'registry',
    '0',
    'DEMO',
    ' ',
    'mock_abc',
    'temp_1',
  ])('rejects the placeholder user id %j', (userId) => {
    expect(() => createUserExecutionContext({ ...valid, userId })).toThrow(InvalidUserContextError);
    expect(() => createUserExecutionContext({ ...valid, userId })).toThrow(/userId/);
  });

  it('accepts long ids that merely start with a placeholder word', () => {
    expect(createUserExecutionContext({ ...valid, userId: 'default_user_4c1e9a7b2f' }).userId).toBe(
      'default_user_4c1e9a7b2f',
    );
  });

  it('names missing and unknown fields', () => {
    expect(() =>
      createUserExecutionContext({ userId: 'user-8f2a', threadId: 'thread-19c3' } as never),
    ).toThrow(/runId/);
    expect(() => createUserExecutionContext({ ...valid, sessionId: 'x' } as never)).toThrow(
      /unknown key "sessionId"/,
    );
  });
});

describe(assertRealId, () => {
  it('allows the unscoped user id only for userId', () => {
    expect(() => {
      assertRealId('userId', UNSCOPED_USER_ID);
    }).not.toThrow();
    expect(() => {
      assertRealId('threadId', 'null');
    }).toThrow('threadId is a placeholder value, got "null"');
    expect(() => {
      assertRealId('userId', 7);
    }).toThrow('userId must be a non-empty string, got 7');
  });
});
