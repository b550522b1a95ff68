/** Why the bridge refused. */
export type WsBridgeErrorCode =
  'WS_BRIDGE_BAD_OPTIONS' | 'WS_BRIDGE_BAD_CURSOR' | 'WS_BRIDGE_LISTEN_FAILED' | 'WS_BRIDGE_CLOSED';

/** A typed failure of the bridge; the message says what to fix. */
export class WsBridgeError extends Error {
  override readonly name = 'WsBridgeError';
  constructor(
    readonly code: WsBridgeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
