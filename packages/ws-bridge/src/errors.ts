/** Why the bridge refused, or what it handled on its own and reports through `onError`. */
export type WsBridgeErrorCode =
  | 'WS_BRIDGE_BAD_OPTIONS'
  | 'WS_BRIDGE_BAD_CURSOR'
  | 'WS_BRIDGE_LISTEN_FAILED'
  | 'WS_BRIDGE_CLOSED'
  /** An event whose agent data JSON cannot carry; it was sent with that data `null`. */
  | 'WS_BRIDGE_UNSERIALIZABLE_EVENT'
  /** `verify` threw or rejected; the connection was refused (4401). */
  | 'WS_BRIDGE_VERIFY_FAILED'
  /** A fault of the bridge itself while it handled one connection; that socket was dropped. */
  | 'WS_BRIDGE_INTERNAL';

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
