import { randomBytes } from 'node:crypto';

/** Run ids follow the chat backend convention: run_<thread>_<ms mod 1e5>_<8 hex>. */
export function newRunId(threadId: string): string {
  return `run_${threadId}_${Date.now() % 100_000}_${randomBytes(4).toString('hex')}`;
}
