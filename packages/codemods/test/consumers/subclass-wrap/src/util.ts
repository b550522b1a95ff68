// Small helpers shared across the backend: ids, text and timing.
import { randomBytes } from 'node:crypto';

export const newRunId = (): string =>
  `run_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export const correlationIdFor = (userId: string, runId: string): string =>
  `${userId.slice(0, 8)}:${runId.slice(-8)}`;

export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;

/** The first order number in a customer message (`#48213`, `order 48213`). */
export const extractOrderNumber = (text: string): string | undefined =>
  /#?\b(\d{5,8})\b/.exec(text)?.[1];

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
