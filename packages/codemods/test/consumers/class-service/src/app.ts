import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import { configureTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';
import { ExecutionTracker, initExecutionTracker } from '@aet/legacy-shims/execution-tracker';
import { ReportAgent, SupportAgent, type KnowledgeBase, type LlmClient, type UsageWarehouse } from './agents.js';
import { loadConfig, type AppConfig } from './config.js';
import { AgentEngine } from './engine/AgentEngine.js';
import { ChatController } from './http/ChatController.js';
import { RequestLogger, type LogSink } from './http/requestLog.js';
import { ChatSocketNotifier, type SocketTransport } from './realtime/ChatSocketNotifier.js';
import { AgentRunService } from './services/AgentRunService.js';

export interface ChatBackendDeps {
  readonly llm: LlmClient;
  readonly transport: SocketTransport;
  readonly knowledgeBase: KnowledgeBase;
  readonly warehouse: UsageWarehouse;
  readonly config?: Partial<AppConfig>;
  readonly accessLog?: LogSink;
  // tests hand in their own trackers; production uses the process-wide ones
  readonly stateTracker?: AgentStateTracker;
  readonly executions?: ExecutionTracker;
}

export async function createChatBackend(deps: ChatBackendDeps) {
  const config = loadConfig(process.env, deps.config);
  const timeouts = configureTimeoutManager({
    agentExecutionTimeout: config.agentTimeoutSeconds,
    llmApiTimeout: config.llmTimeoutSeconds,
    retryBaseDelay: config.toolRetryDelaySeconds,
    retryMaxDelay: Math.max(5, config.toolRetryDelaySeconds),
  });
  const executions = deps.executions ?? (await initExecutionTracker());
  const notifier = new ChatSocketNotifier(deps.transport);
  const engine = new AgentEngine(
    deps.llm,
    notifier,
    { stateTracker: deps.stateTracker, monitor: executions },
    config.maxMessageChars,
  );
  const service = new AgentRunService(engine, notifier, engine.tracker, timeouts, executions, config.runWatchdogSeconds)
    .register(new SupportAgent(deps.knowledgeBase))
    .register(new ReportAgent(deps.warehouse));
  const http = new ChatController(service, new RequestLogger(deps.accessLog));
  return { config, notifier, engine, service, http };
}

export type ChatBackend = Awaited<ReturnType<typeof createChatBackend>>;
