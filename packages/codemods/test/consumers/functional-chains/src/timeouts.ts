// One timeout manager per agent kind, plus the process default and a tight one for urgent turns.
import {
  AgentExecutionTimeoutManager,
  configureTimeoutManager,
  getTimeoutManager,
  type ExecutionStats,
} from '@aet/legacy-shims/execution-timeout-manager';
import { loadConfig, type AgentKind, type ChatConfig } from './config.js';

const managers = new Map<AgentKind, AgentExecutionTimeoutManager>();
let urgent: AgentExecutionTimeoutManager | undefined;

// The manager wants seconds; our config is in milliseconds.
const settingsFor = (config: ChatConfig, agentTimeoutMs: number) => ({
  agentExecutionTimeout: agentTimeoutMs / 1000,
  llmApiTimeout: config.llmTimeoutMs / 1000,
  failureThreshold: config.breaker.failures,
  recoveryTimeout: config.breaker.cooldownMs / 1000,
  maxRetries: config.retry.attempts,
  retryBaseDelay: config.retry.baseDelayMs / 1000,
  retryMaxDelay: config.retry.maxDelayMs / 1000,
});

/** (Re)builds every manager from `config`; call once at boot, or in tests with small values. */
export function configureAgentTimeouts(config: ChatConfig = loadConfig()): void {
  managers.clear();
  (Object.keys(config.agentTimeoutMs) as AgentKind[]).forEach((kind) =>
    managers.set(kind, new AgentExecutionTimeoutManager(settingsFor(config, config.agentTimeoutMs[kind]))),
  );
  urgent = new AgentExecutionTimeoutManager(settingsFor(config, config.urgentTimeoutMs));
  configureTimeoutManager(settingsFor(config, Math.max(...Object.values(config.agentTimeoutMs))));
}

export const timeoutsFor = (kind: AgentKind): AgentExecutionTimeoutManager =>
  managers.get(kind) ?? getTimeoutManager();

export const urgentTimeouts = (): AgentExecutionTimeoutManager => urgent ?? getTimeoutManager();

/** Breaker and timing figures for the /admin/stats endpoint. */
export const timeoutStats = (): Record<string, ExecutionStats> => ({
  default: getTimeoutManager().getExecutionStats(),
  ...Object.fromEntries([...managers].map(([kind, manager]) => [kind, manager.getExecutionStats()])),
});
