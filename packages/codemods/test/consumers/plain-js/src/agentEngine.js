// Runs the triage agent for one chat message: phases on the run ledger, the turn under the agent
// deadline, model calls through the breaker, and a fallback reply when anything goes wrong.
import { AgentExecutionPhase as P } from '@aet/legacy-shims/agent-state-tracker';
import { callModel, isTimeout, runAgentTurn, sendFallback } from './resilience.cjs';
import { findOrderIds, lookupOrder } from './orders.js';
import { classificationPrompt, parseIntent, replyPrompt } from './triageAgent.js';
import { createLogger } from './logger.js';

/**
 * @typedef {{ userId: string, threadId: string, runId: string, text: string, correlationId: string,
 *   notifier: import('./notifier.js').ChatNotifier }} RunRequest
 */

export class InvalidMessageError extends Error {}
const log = createLogger('agent-engine');

export class AgentEngine {
  /**
   * @param {import('./runLedger.cjs').RunLedger} ledger
   * @param {import('./triageAgent.js').ChatModel} model
   * @param {{ agentName: string, maxMessageLength: number }} options
   */
  constructor(ledger, model, { agentName, maxMessageLength }) {
    this.ledger = ledger;
    this.model = model;
    this.agentName = agentName;
    this.maxMessageLength = maxMessageLength;
  }

  /** @param {RunRequest} request */
  async run(request) {
    const { userId, threadId, runId, notifier, correlationId } = request;
    const id = this.ledger.open(this.agentName, runId, userId, { threadId, correlationId });
    try {
      await this.ledger.enter(id, P.WEBSOCKET_SETUP);
      await this.ledger.enter(id, P.CONTEXT_VALIDATION);
      this.#validate(request.text);
      const turn = () => this.#turn(id, request);
      const { intent, reply } = await runAgentTurn(this.agentName, runId, notifier, turn);
      await this.ledger.enter(id, P.COMPLETING, notifier);
      await this.ledger.enter(id, P.COMPLETED, notifier, { intent });
      const steps = this.ledger.describe(id)?.steps;
      this.ledger.close(id, true);
      log.info('run completed', { correlationId, runId, intent, steps });
      return { ok: true, runId, reply, intent, steps };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const invalid = error instanceof InvalidMessageError;
      const reason = invalid ? 'invalid_message' : isTimeout(error) ? 'timeout' : 'agent_error';
      // No notifier here: the timeout manager has already told the socket what went wrong.
      const phase = reason === 'timeout' ? P.TIMEOUT : P.FAILED;
      await this.ledger.enter(id, phase, undefined, { reason, message });
      this.ledger.close(id, false);
      log.warn('run failed', { correlationId, runId, reason, message });
      if (invalid) return { ok: false, runId, reply: message, reason };
      const fallback = await sendFallback(this.agentName, error, runId, notifier);
      return { ok: false, runId, reply: fallback.message, reason };
    }
  }

  /** Classify, maybe look the order up, draft the reply. @param {string} id @param {RunRequest} req */
  async #turn(id, { text, runId, notifier }) {
    await this.ledger.enter(id, P.STARTING, notifier);
    await this.ledger.enter(id, P.THINKING, notifier);
    await this.ledger.enter(id, P.LLM_INTERACTION, notifier);
    const classify = () => this.model.complete(classificationPrompt(text));
    const intent = parseIntent(await callModel('triage_classify', classify));
    const [orderId] = findOrderIds(text);
    let order;
    if (intent === 'order_status' && orderId !== undefined) {
      await this.ledger.enter(id, P.TOOL_EXECUTION, notifier, { toolName: 'lookup_order', orderId });
      order = await lookupOrder(orderId);
      await notifier.notifyToolCompleted(runId, this.agentName, 'lookup_order', order);
      await this.ledger.enter(id, P.LLM_INTERACTION, notifier);
    }
    const prompt = replyPrompt(text, order);
    const reply = await callModel('triage_reply', () => this.model.complete(prompt));
    await this.ledger.enter(id, P.RESULT_PROCESSING, notifier);
    return { intent, reply: reply.trim() };
  }

  /** @param {string} text */
  #validate(text) {
    if (text.trim() === '') throw new InvalidMessageError('Please type a message first.');
    if (text.length > this.maxMessageLength) throw new InvalidMessageError('Message too long.');
  }
}
