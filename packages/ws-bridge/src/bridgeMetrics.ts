/** What a bridge has done since it started. */
export interface BridgeMetrics {
  /** Connections open now. */
  connections: number;
  /** Users with at least one open connection. */
  users: number;
  /** Frames handed to sockets (events and control frames). */
  framesSent: number;
  /** Connections closed because they fell behind (4408). */
  slowConsumersClosed: number;
  /** Connections terminated for missing a pong. */
  deadPeersTerminated: number;
  /** Connections refused by `verify` (4401). */
  unauthorized: number;
  /** Connections refused over `maxConnectionsPerUser` (4429). */
  overUserCap: number;
  /** Client frames refused (error frames sent). */
  badFrames: number;
  /** Connections closed because their source failed (1011). */
  sourceFailures: number;
  /** Upgrade requests answered 400 because their target could not be parsed. */
  badRequests: number;
  /** Events sent with their agent data `null` because JSON could not carry it (once per serialization). */
  unserializableEvents: number;
}

/** What the bridge counts as it goes (the rest of the metrics are read off its state). @internal */
export type BridgeCounters = Omit<BridgeMetrics, 'connections' | 'users'>;

/** @internal */
export function emptyCounters(): BridgeCounters {
  return {
    framesSent: 0,
    slowConsumersClosed: 0,
    deadPeersTerminated: 0,
    unauthorized: 0,
    overUserCap: 0,
    badFrames: 0,
    sourceFailures: 0,
    badRequests: 0,
    unserializableEvents: 0,
  };
}
