/** Frames the server sends and the messages it accepts (JSON text frames). */

/** A chat message from a client. */
export interface ChatRequest {
  readonly type: 'chat';
  readonly message: string;
  readonly threadId?: string;
}

/** Why a client frame was refused. */
export type ErrorCode = 'unauthorized' | 'bad_json' | 'bad_message' | 'message_too_large' | 'busy';

export interface ErrorFrame {
  readonly type: 'error';
  readonly code: ErrorCode;
  readonly message: string;
}

/** Close code for a connection refused for its credentials. */
export const CLOSE_UNAUTHORIZED = 4401;

/** Parses a client frame; returns the request or the error to send back. */
export function parseClientFrame(raw: string, maxBytes: number): ChatRequest | ErrorFrame {
  if (Buffer.byteLength(raw, 'utf8') > maxBytes) {
    return {
      type: 'error',
      code: 'message_too_large',
      message: `messages are limited to ${maxBytes} bytes`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { type: 'error', code: 'bad_json', message: 'frames must be JSON objects' };
  }
  if (typeof value !== 'object' || value === null) {
    return { type: 'error', code: 'bad_message', message: 'frames must be JSON objects' };
  }
  const frame = value as Record<string, unknown>;
  if (frame.type !== 'chat' || typeof frame.message !== 'string' || frame.message.trim() === '') {
    return {
      type: 'error',
      code: 'bad_message',
      message: 'expected {"type":"chat","message":"…"}',
    };
  }
  if (frame.threadId !== undefined && typeof frame.threadId !== 'string') {
    return { type: 'error', code: 'bad_message', message: 'threadId must be a string' };
  }
  return {
    type: 'chat',
    message: frame.message,
    ...(typeof frame.threadId === 'string' ? { threadId: frame.threadId } : {}),
  };
}
