import { z } from 'zod';
import { InvalidUserContextError } from './errors.js';
import { UnifiedIDManager } from './unifiedIdManager.js';
import { describeZodIssues, renderValue } from './zodIssues.js';

/**
 * The user id for executions whose caller never knew the user (the legacy timeout manager). The
 * shims use it; the codemods write it with a `TODO(aet)` marker so the gap stays visible.
 */
export const UNSCOPED_USER_ID = 'aet:unscoped-user';

// Values that mean "nobody" and leaked into production ids in the original system.
const PLACEHOLDER_VALUES: ReadonlySet<string> = new Set([
  'registry',
  'placeholder',
  'default',
  'temp',
  'none',
  'null',
  'undefined',
  '0',
  '1',
  'xxx',
  'yyy',
  'example',
  'test',
  'demo',
  'sample',
  'template',
  'mock',
  'fake',
  'dummy',
  'unknown',
  'anonymous',
]);
const PLACEHOLDER_PREFIXES = [
  'placeholder_',
  'registry_',
  'temp_',
  'example_',
  'demo_',
  'sample_',
  'template_',
  'mock_',
  'fake_',
];
const SHORT_PLACEHOLDER_LENGTH = 20;

/** Why `value` is a placeholder, or undefined when it is a real id. */
export function placeholderReason(value: string): string | undefined {
  const normalized = value.trim().toLowerCase();
  if (normalized.length === 0) return 'is empty';
  if (PLACEHOLDER_VALUES.has(normalized)) return 'is a placeholder value';
  if (
    normalized.length < SHORT_PLACEHOLDER_LENGTH &&
    PLACEHOLDER_PREFIXES.some((prefix) => normalized.startsWith(prefix))
  ) {
    return 'looks like a placeholder (short id with a placeholder prefix)';
  }
  return undefined;
}

const realId = (field: string) =>
  z.string({ error: `${field} must be a string` }).superRefine((value, ctx) => {
    const reason = placeholderReason(value);
    if (reason !== undefined)
      ctx.addIssue({ code: 'custom', message: `${field} ${reason}`, input: value });
  });

/** The input shape of a user execution context. */
export const UserExecutionContextSchema = z.strictObject({
  userId: realId('userId'),
  threadId: realId('threadId'),
  runId: realId('runId'),
  /** Generated (`req_…`) when absent. */
  requestId: realId('requestId').optional(),
  websocketClientId: z.string().min(1).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/** A user execution context as a caller writes it. */
export type UserExecutionContextInput = z.input<typeof UserExecutionContextSchema>;

/** A validated, frozen user execution context: who an execution belongs to. */
export interface UserExecutionContext {
  readonly userId: string;
  readonly threadId: string;
  readonly runId: string;
  readonly requestId: string;
  readonly websocketClientId?: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

const frozenContexts = new WeakSet<UserExecutionContext>();

/**
 * Validates and freezes a user context; throws {@link InvalidUserContextError} naming the bad
 * field and value. A context this function already returned is passed through as is.
 */
export function createUserExecutionContext(
  input: UserExecutionContextInput | UserExecutionContext,
): UserExecutionContext {
  if (typeof input === 'object' && frozenContexts.has(input as UserExecutionContext)) {
    return input as UserExecutionContext;
  }
  const result = UserExecutionContextSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw new InvalidUserContextError(`invalid user context: ${describeZodIssues(result.error)}`);
  }
  const { userId, threadId, runId, requestId, websocketClientId, metadata } = result.data;
  const context: UserExecutionContext = Object.freeze({
    userId,
    threadId,
    runId,
    requestId: requestId ?? UnifiedIDManager.generateRequestId(),
    ...(websocketClientId === undefined ? {} : { websocketClientId }),
    metadata: Object.freeze({ ...(metadata ?? {}) }),
  });
  frozenContexts.add(context);
  return context;
}

/**
 * Checks one id field of a lifecycle call (`userId`, `threadId`…); {@link UNSCOPED_USER_ID} is
 * accepted for `userId`.
 */
export function assertRealId(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw new InvalidUserContextError(
      `${field} must be a non-empty string, got ${renderValue(value)}`,
    );
  }
  if (field === 'userId' && value === UNSCOPED_USER_ID) return;
  const reason = placeholderReason(value);
  if (reason !== undefined) {
    throw new InvalidUserContextError(`${field} ${reason}, got ${renderValue(value)}`);
  }
}
