import { ExecutionState, getExecutionTracker, initExecutionTracker, type ExecutionTracker } from '@aet/legacy-shims';
import { SummaryCancelledError } from './errors.js';
import type { ChatMessage, LlmClient } from './llm.js';
import { chunk, truncate } from './util.js';

const SUMMARY_PROMPT = 'Summarize this part of a support conversation in one sentence.';

/**
 * Background job that condenses long threads, so the agent's prompt stays small. Each summary is
 * registered with the execution tracker and sends a heartbeat after every chunk.
 */
export class ThreadSummarizer {
  private tracker: ExecutionTracker | undefined;
  private readonly inFlight = new Map<string, string>();
  /** Threads whose summary died or timed out, to be retried by the next sweep. */
  readonly lostThreads: string[] = [];

  constructor(
    private readonly llm: LlmClient,
    private readonly timeoutSeconds = 30,
  ) {}

  async init(): Promise<void> {
    this.tracker = await initExecutionTracker();
    this.tracker.registerRecoveryCallback((execution) => {
      if (execution.state === ExecutionState.DEAD || execution.state === ExecutionState.TIMEOUT) {
        this.lostThreads.push(execution.threadId);
      }
    });
  }

  async summarize(userId: string, threadId: string, messages: ChatMessage[]): Promise<string> {
    const tracker = this.tracker ?? getExecutionTracker();
    const correlationId = `summary:${threadId}:${messages.length}`;
    const executionId = await tracker.registerExecution('thread_summarizer', correlationId, threadId, userId, this.timeoutSeconds);
    await tracker.startExecution(executionId);
    this.inFlight.set(threadId, executionId);

    try {
      const parts: string[] = [];
      for (const part of chunk(messages, 4)) {
        const completion = await this.llm.complete({ system: SUMMARY_PROMPT, messages: part });
        parts.push(completion.text);
        if (!(await tracker.heartbeat(executionId))) {
          throw new SummaryCancelledError(`summary of ${threadId} was stopped`);
        }
      }
      const summary = truncate(parts.join(' '), 280);
      await tracker.completeExecution(executionId, { summary });
      return summary;
    } catch (error) {
      await tracker.completeExecution(executionId, undefined, error instanceof Error ? error : String(error));
      throw error;
    } finally {
      this.inFlight.delete(threadId);
    }
  }

  /** Stops the summary of a thread (e.g. the user deleted it). */
  async cancel(threadId: string): Promise<boolean> {
    const executionId = this.inFlight.get(threadId);
    if (executionId === undefined) return false;
    return (this.tracker ?? getExecutionTracker()).killExecution(executionId, 'thread deleted');
  }
}
