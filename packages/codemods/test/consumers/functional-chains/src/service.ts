// The chat service the HTTP/WebSocket routes call.
import { getAgentStateTracker, type AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import type { AgentExecutionTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';
import { agents } from './agents.js';
import { loadConfig, type AgentKind } from './config.js';
import type { ContextLoader, Deps, LlmClient } from './deps.js';
import { runAgentTurn, type TurnResult } from './engine.js';
import { createJobBoard, runJob } from './jobs.js';
import type { Notifier } from './notifier.js';
import { collapseWhitespace, firstSentence, formatRunId, truncate } from './strings.js';
import { configureAgentTimeouts, timeoutsFor, urgentTimeouts } from './timeouts.js';
import { withTracking } from './tracking.js';

export interface ChatMessage {
  readonly userId: string;
  readonly threadId: string;
  readonly text: string;
  readonly agent?: AgentKind;
  readonly urgent?: boolean;
}

export interface HandleOptions {
  tracker?: AgentStateTracker;
  timeouts?: AgentExecutionTimeoutManager;
  notifier?: Partial<Notifier>;
  llm?: LlmClient;
  loadContext?: ContextLoader;
}

const config = loadConfig();
configureAgentTimeouts(config);
export const jobs = createJobBoard();
// Every state tracker a turn ran on, for the admin summary (the shared one plus injected ones).
const stateTrackers: AgentStateTracker[] = [];
const runSeq = new Map<string, number>();
const nextRunId = (threadId: string): string => {
  runSeq.set(threadId, (runSeq.get(threadId) ?? 0) + 1);
  return formatRunId(threadId, runSeq.get(threadId) ?? 0);
};

export const defaultLlm: LlmClient = (prompt) =>
  Promise.resolve(`Here is what I found. ${firstSentence(prompt.replace(/^[^:]*:\s*/, ''))}`);

export const defaultContextLoader: ContextLoader = (userId) =>
  Promise.resolve({ displayName: userId.replace(/^u[_-]/, ''), plan: 'pro', locale: 'en-US' });

export function handleMessage(message: ChatMessage, opts: HandleOptions = {}): Promise<TurnResult> {
  const kind = message.agent ?? 'triage';
  const states = opts.tracker ?? getAgentStateTracker();
  if (!stateTrackers.includes(states)) stateTrackers.push(states);
  const deps: Deps = {
    states,
    timeouts: opts.timeouts ?? (message.urgent ? urgentTimeouts() : timeoutsFor(kind)),
    notifier: opts.notifier,
    llm: opts.llm ?? defaultLlm,
    loadContext: opts.loadContext ?? defaultContextLoader,
  };
  const text = truncate(collapseWhitespace(message.text), config.maxMessageLength);
  const runId = nextRunId(message.threadId);
  return runAgentTurn(deps, { agentName: `${kind}_agent`, userId: message.userId, runId, text }, agents[kind]);
}

/** Folds old messages of a thread into a summary, as a heart-beaten background execution. */
export const compactMemory = withTracking(
  'memory_compactor',
  (ctx, messages: readonly string[], llm: LlmClient = defaultLlm) =>
    ctx
      .beat()
      .then(() => llm(`Summarise: ${messages.join(' / ')}`, new AbortController().signal))
      .then((summary) => ({ executionId: ctx.executionId, summary, folded: messages.length })),
);

/** Transcript export runs as a plain job (no agent involved). */
export const exportTranscript = (userId: string, threadId: string, lines: readonly string[]) =>
  runJob(jobs, 'transcript_export', userId, async () => ({ threadId, bytes: lines.join('\n').length }));

/** Admin view: every tracker's summary, plus totals and stuck runs across them. */
export function executionOverview(stuckAfterMs = 30_000) {
  const summaries = stateTrackers.map((tracker) => tracker.getExecutionSummary());
  return {
    summaries,
    active: summaries.reduce((n, s) => n + s.activeExecutions, 0),
    completed: summaries.reduce((n, s) => n + s.completedExecutions, 0),
    stuck: stateTrackers.flatMap((tracker) => tracker.detectStuckExecutions(stuckAfterMs)),
  };
}
