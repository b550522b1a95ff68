/**
 * Proof that a tracker is being built by this package's factories, not by `new` in user code.
 * Not exported from the package.
 * @internal
 */
export const constructionToken: unique symbol = Symbol('AgentExecutionTracker.construct');
