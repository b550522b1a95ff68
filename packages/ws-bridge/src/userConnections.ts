import type { BridgeConnection } from './bridgeConnection.js';

/** The open connections of each user. @internal */
export class UserConnections {
  private readonly byUser = new Map<string, Set<BridgeConnection>>();
  private total = 0;

  /** Connections open now. */
  get size(): number {
    return this.total;
  }

  /** Users with at least one open connection. */
  get users(): number {
    return this.byUser.size;
  }

  countOf(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  add(connection: BridgeConnection): void {
    let connections = this.byUser.get(connection.userId);
    if (connections === undefined) this.byUser.set(connection.userId, (connections = new Set()));
    connections.add(connection);
    this.total++;
  }

  /** Removes it; false when it was not there (already removed). */
  remove(connection: BridgeConnection): boolean {
    const connections = this.byUser.get(connection.userId);
    if (connections?.delete(connection) !== true) return false;
    if (connections.size === 0) this.byUser.delete(connection.userId);
    this.total--;
    return true;
  }

  *[Symbol.iterator](): Generator<BridgeConnection> {
    for (const connections of this.byUser.values()) yield* connections;
  }
}
