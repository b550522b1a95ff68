import { createUserExecutionContext, type UserExecutionContext } from '@aet/tracker-core';

let nextUser = 0;

/**
 * A valid, frozen user context with ids unique in this process (they pass the tracker's
 * placeholder checks: `user-…`, `thread-…`, `run-…`).
 */
export function createTestUser(label = 'user'): UserExecutionContext {
  const n = (nextUser++).toString(36).padStart(4, '0');
  const safe = label.replace(/[^a-z0-9-]/gi, '-').toLowerCase();
  return createUserExecutionContext({
    userId: `${safe}-${n}-kit`,
    threadId: `thread-${safe}-${n}`,
    runId: `run-${safe}-${n}`,
  });
}
