// Correlation ids for log lines, and run ids for chat turns.
import { randomUUID } from 'node:crypto';

/** A fresh correlation id to stamp on every log line of one request. */
export function newCorrelationId() {
  return randomUUID();
}

/** `run_<thread>_<8 hex>` @param {string} threadId */
export function newRunId(threadId) {
  return `run_${threadId}_${randomUUID().slice(0, 8)}`;
}
