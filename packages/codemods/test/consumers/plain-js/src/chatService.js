// Entry point of the chat backend: one call per incoming message, thread summaries, health.
import { AgentEngine } from './agentEngine.js';
import { loadConfig } from './config.js';
import { newCorrelationId, newRunId } from './ids.js';
import { ChatNotifier } from './notifier.js';
import { agentStats, configureResilience } from './resilience.cjs';
import { createRunLedger } from './runLedger.cjs';
import { SummaryJobs } from './summaryJobs.js';
import { createRuleBasedModel } from './triageAgent.js';

/** @typedef {Map<string, import('./notifier.js').SocketLike>} Sockets user id → open socket */

export class ChatService {
  /**
   * @param {Sockets} sockets
   * @param {{ model?: import('./triageAgent.js').ChatModel, config?: import('./config.js').AppConfig }} [options]
   */
  static async create(sockets, { model = createRuleBasedModel(), config = loadConfig() } = {}) {
    await configureResilience(config);
    const engine = new AgentEngine(await createRunLedger(), model, config);
    const jobs = await SummaryJobs.start({ timeoutSeconds: config.summaryJobTimeoutSeconds });
    return new ChatService(sockets, engine, jobs);
  }

  /** @param {Sockets} sockets @param {AgentEngine} engine @param {SummaryJobs} jobs */
  constructor(sockets, engine, jobs) {
    this.sockets = sockets;
    this.engine = engine;
    this.jobs = jobs;
    /** @type {Map<string, import('./summaryJobs.js').ChatLine[]>} thread id → transcript */
    this.transcripts = new Map();
  }

  /** @param {{ userId: string, threadId: string, text: string, runId?: string }} message */
  async handleMessage({ userId, threadId, text, runId = newRunId(threadId) }) {
    const transcript = this.transcripts.get(threadId) ?? [];
    this.transcripts.set(threadId, transcript);
    transcript.push({ role: 'user', text });
    const notifier = new ChatNotifier(this.sockets.get(userId), threadId);
    const correlationId = newCorrelationId();
    const result = await this.engine.run({ userId, threadId, runId, text, correlationId, notifier });
    transcript.push({ role: 'agent', text: result.reply });
    return result;
  }

  /** For the human agent taking a thread over. @param {string} userId @param {string} threadId */
  async summarizeThread(userId, threadId) {
    const job = await this.jobs.submit(userId, threadId, this.transcripts.get(threadId) ?? []);
    return job.done;
  }

  async health() {
    const runs = this.engine.ledger.snapshot();
    const jobs = this.jobs.health();
    const agents = await agentStats();
    const ok = jobs.healthy && runs.stuck.length === 0 && agents.circuitBreakerState !== 'open';
    return { ok, runs, jobs, agents };
  }
}
