/**
 * The close codes the bridge uses, and what a client should do about each. Codes 4xxx mirror the
 * HTTP status they resemble.
 */
export const CloseCode = {
  /** The bridge is shutting down: reconnect (to another node) with `after`. */
  GOING_AWAY: 1001,
  /** A client frame was larger than `maxClientFrameBytes` (sent by `ws` itself). */
  MESSAGE_TOO_BIG: 1009,
  /** The event source failed for this connection: reconnect with `after`. */
  INTERNAL_ERROR: 1011,
  /** The `after` cursor in the URL is not one this bridge hands out, or too many bad frames. */
  BAD_REQUEST: 4400,
  /** Credentials missing or not accepted by `verify`. No event was sent. Do not retry as is. */
  UNAUTHORIZED: 4401,
  /** The client fell behind (its buffer passed `maxBufferedBytes`): reconnect with `after`. */
  SLOW_CONSUMER: 4408,
  /** The user already has `maxConnectionsPerUser` open connections. */
  TOO_MANY_CONNECTIONS: 4429,
} as const;

/** One of the {@link CloseCode} values. */
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
