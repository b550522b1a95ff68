export { SupportAgent, type AgentReply, type AgentRequest } from './agentEngine.js';
export { ChatService, type ChatServiceOptions, type Diagnostics } from './chatService.js';
export { loadConfig, type AgentRuntimeConfig } from './config.js';
export { AgentBusyError, AgentInputError, SummaryCancelledError } from './errors.js';
export { LocalRulesModel, type ChatMessage, type LlmClient, type LlmCompletion, type LlmPrompt } from './llm.js';
export { SocketNotifier, type ClientConnection, type OutboundFrame } from './notifier.js';
export { ThreadSummarizer } from './threadSummarizer.js';
export { ToolRegistry, orderLookupTool, type OrderInfo, type Tool } from './tools.js';
