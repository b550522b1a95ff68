// Public surface of the agent layer: the tracker APIs and our wrappers, from one place.
export * from '@aet/legacy-shims/agent-state-tracker';
export * from '@aet/legacy-shims/execution-timeout-manager';
export * from '@aet/legacy-shims/execution-tracker';

export { AuditedStateTracker } from './auditedStateTracker.js';
export type { AuditEntry } from './auditedStateTracker.js';
export { TimeoutFacade } from './timeoutFacade.js';
export type { TimeoutFacadeOptions } from './timeoutFacade.js';
export { MonitoredExecutionTracker } from './monitoredExecutionTracker.js';
export type { LostExecution } from './monitoredExecutionTracker.js';
