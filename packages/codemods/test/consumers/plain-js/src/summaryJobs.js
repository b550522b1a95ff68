// Background jobs that summarise a chat thread for the human agent taking it over. Each job is a
// tracked execution with heartbeats, so a stalled or overdue job is noticed and reported.
import { ExecutionState, initExecutionTracker } from '@aet/legacy-shims/execution-tracker';
import { newCorrelationId } from './ids.js';

/** @typedef {{ role: 'user' | 'agent', text: string }} ChatLine */
/** @typedef {(lines: ChatLine[]) => Promise<string>} ChunkSummarizer */
/** @typedef {import('@aet/legacy-shims/execution-tracker').ExecutionTracker} Tracker */

const CHUNK_SIZE = 4;

/** @type {ChunkSummarizer} the last line of each speaker in the chunk */
const lastLinePerSpeaker = async (lines) =>
  [...new Map(lines.map((l) => [l.role, l.text]))].map(([who, text]) => `${who}: ${text}`).join('; ');

export class SummaryJobs {
  /** @param {{ timeoutSeconds: number, summarizeChunk?: ChunkSummarizer }} options */
  static async start(options) {
    return new SummaryJobs(await initExecutionTracker(), options);
  }

  /** @param {Tracker} tracker @param {{ timeoutSeconds: number, summarizeChunk?: ChunkSummarizer }} options */
  constructor(tracker, { timeoutSeconds, summarizeChunk = lastLinePerSpeaker }) {
    this.tracker = tracker;
    this.timeoutSeconds = timeoutSeconds;
    this.summarizeChunk = summarizeChunk;
    /** @type {{ jobId: string, threadId: string, state: string }[]} jobs that died or timed out */
    this.lost = [];
    tracker.registerRecoveryCallback(({ id, threadId, state }) => {
      if (state !== ExecutionState.DEAD && state !== ExecutionState.TIMEOUT) return;
      this.lost.push({ jobId: id, threadId, state });
    });
  }

  /**
   * Starts a job; resolves once it runs, with its id and the summary to come.
   * @param {string} userId @param {string} threadId @param {ChatLine[]} lines
   */
  async submit(userId, threadId, lines) {
    const { tracker } = this;
    const jobId = await tracker.registerExecution(
      'thread_summarizer', newCorrelationId(), threadId, userId, this.timeoutSeconds,
    );
    await tracker.startExecution(jobId);
    return { jobId, done: this.#work(tracker, jobId, lines) };
  }

  /** @param {string} jobId @param {string} reason */
  cancel(jobId, reason) {
    return this.tracker.killExecution(jobId, reason);
  }

  health() {
    const { healthy, stuckDetails, timeoutExecutions } = this.tracker.getHealthStatus();
    const stuckJobs = stuckDetails.map((stuck) => stuck.executionId);
    const total = this.tracker.collectMetrics().totalExecutions;
    return { healthy, stuckJobs, timedOut: timeoutExecutions, total };
  }

  /** @param {Tracker} tracker @param {string} jobId @param {ChatLine[]} lines */
  async #work(tracker, jobId, lines) {
    try {
      const parts = [];
      for (let i = 0; i < lines.length; i += CHUNK_SIZE) {
        // A refused heartbeat means the job was cancelled or given up on.
        if (!(await tracker.heartbeat(jobId))) throw new Error(`summary job ${jobId} was stopped`);
        parts.push(await this.summarizeChunk(lines.slice(i, i + CHUNK_SIZE)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await tracker.completeExecution(jobId, { chunks: parts.length });
      return parts.join('\n');
    } catch (error) {
      await tracker.completeExecution(jobId, undefined, /** @type {Error} */ (error));
      throw error;
    }
  }
}
