// The public door of @aet/ws-bridge.
export { createEventBridge } from './eventBridge.js';
export type { EventBridge } from './eventBridge.js';
export type { EventBridgeOptions, VerifyConnection } from './bridgeOptions.js';
export type { BridgeMetrics } from './bridgeMetrics.js';
export { CloseCode } from './closeCodes.js';
export { TrackerEventSource } from './trackerEventSource.js';
export type { TrackerEventFeed, TrackerEventSourceOptions } from './trackerEventSource.js';
export { EventLogSource } from './eventLogSource.js';
export type { EventLogSourceOptions, LoggedEvent, UserEventLog } from './eventLogSource.js';
export type { EventGap, EventSource, SourceListener, SourceSubscription } from './eventSource.js';
export { toWireEvent, LEGACY_REQUIRED_FIELDS } from './wireFormat.js';
export type {
  AgentDataField,
  ConnectedFrame,
  ErrorFrame,
  EventsLostFrame,
  PongFrame,
  ServerFrame,
  UnserializableData,
  WireEvent,
  WireEventBase,
  WireEventFields,
} from './wireFormat.js';
export { WsBridgeError } from './errors.js';
export type { WsBridgeErrorCode } from './errors.js';
