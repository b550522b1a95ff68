import { randomUUID } from 'node:crypto';
import { FakeLlm } from '../agent/fakeLlm.js';
import { ScriptedAgent } from '../agent/scriptedAgent.js';
import type { AgentExecutionTimeoutManager } from '../legacy/index.js';
import { getTimeoutManager } from '../legacy/index.js';
import type { UserContext, WebSocketManager } from './types.js';
import { UserExecutionEngine } from './userExecutionEngine.js';

/** Thrown when a user already has the maximum number of engines. */
export class UserExecutionEngineError extends Error {
  override readonly name = 'UserExecutionEngineError';
}

export interface EngineFactoryOptions {
  /** Engines allowed per user at once. @default 2 */
  readonly maxEnginesPerUser?: number;
  /** Timeout manager shared by the engines. @default the module-level one */
  readonly timeoutManager?: AgentExecutionTimeoutManager;
}

/** Creates one engine per request, at most `maxEnginesPerUser` per user at a time. */
export class ExecutionEngineFactory {
  private readonly engines = new Map<string, UserExecutionEngine>();
  private readonly llm = new FakeLlm();
  private readonly maxEnginesPerUser: number;
  private readonly timeoutManager: AgentExecutionTimeoutManager;

  constructor(options: EngineFactoryOptions = {}) {
    this.maxEnginesPerUser = options.maxEnginesPerUser ?? 2;
    this.timeoutManager = options.timeoutManager ?? getTimeoutManager();
  }

  /** Runs `message` for `userId` in a new engine, reporting through `websocketManager`. */
  async handleMessage(
    userId: string,
    threadId: string,
    message: string,
    websocketManager: WebSocketManager,
  ) {
    const active = [...this.engines.values()].filter(
      (engine) => engine.context.userId === userId,
    ).length;
    if (active >= this.maxEnginesPerUser) {
      throw new UserExecutionEngineError(`user ${userId} already has ${active} active requests`);
    }
    const context: UserContext = { userId, threadId, runId: `run_${randomUUID()}` };
    const engine = new UserExecutionEngine(
      context,
      (name) => new ScriptedAgent(name, this.llm),
      websocketManager,
      this.timeoutManager,
    );
    const key = `${userId}_${context.runId}_${Date.now()}`;
    this.engines.set(key, engine);
    try {
      return await engine.executeAgent(message);
    } finally {
      this.engines.delete(key);
    }
  }

  get activeEngines(): number {
    return this.engines.size;
  }
}
