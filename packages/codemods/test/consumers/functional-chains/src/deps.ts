// What the engine needs, passed in so that routes, jobs and tests can swap pieces.
import type { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import type { AgentExecutionTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';
import type { Notifier } from './notifier.js';

export type LlmClient = (prompt: string, signal: AbortSignal) => Promise<string>;
export type ContextLoader = (userId: string) => Promise<UserContext>;

export type UserContext = { displayName: string; plan: 'free' | 'pro' | 'enterprise'; locale: string };

export interface Deps {
  states: AgentStateTracker;
  timeouts: AgentExecutionTimeoutManager;
  notifier?: Partial<Notifier>;
  llm: LlmClient;
  loadContext: ContextLoader;
}
