// Pushes agent progress to a user's chat socket, with the notify* methods the tracker calls.

/** @typedef {{ send(data: string): void, readyState: number }} SocketLike */

export class ChatNotifier {
  /** @param {SocketLike | undefined} socket the user's socket; undefined while they are offline */
  constructor(socket, threadId = '') {
    this.socket = socket;
    this.threadId = threadId;
  }

  /** @param {string} runId @param {string} agent @param {Record<string, unknown>} context */
  async notifyAgentStarted(runId, agent, context) {
    this.#emit('agent_started', runId, agent, { status: 'started', context });
  }

  /** @param {string} runId @param {string} agent @param {string} reasoning @param {number} step */
  async notifyAgentThinking(runId, agent, reasoning, step) {
    this.#emit('agent_thinking', runId, agent, { reasoning, step_number: step });
  }

  /** @param {string} runId @param {string} agent @param {string} tool @param {unknown} parameters */
  async notifyToolExecuting(runId, agent, tool, parameters) {
    this.#emit('tool_executing', runId, agent, { tool_name: tool, parameters });
  }

  /** @param {string} runId @param {string} agent @param {string} tool @param {unknown} result */
  async notifyToolCompleted(runId, agent, tool, result) {
    this.#emit('tool_completed', runId, agent, { tool_name: tool, result });
  }

  /** @param {string} runId @param {string} agent @param {unknown} result @param {number} timeMs */
  async notifyAgentCompleted(runId, agent, result, timeMs) {
    this.#emit('agent_completed', runId, agent, { result, execution_time_ms: timeMs });
  }

  /** @param {string} runId @param {string} agent @param {string} error @param {object} context */
  async notifyAgentError(runId, agent, error, context) {
    this.#emit('agent_error', runId, agent, { error_message: error, error_context: context });
  }

  /** @param {string} type @param {string} runId @param {string} agent @param {object} data */
  #emit(type, runId, agent, data) {
    if (this.socket?.readyState !== 1) return; // offline: the client reloads the thread later
    const frame = { type, run_id: runId, thread_id: this.threadId, agent_name: agent, data };
    this.socket.send(JSON.stringify({ ...frame, timestamp: new Date().toISOString() }));
  }
}
