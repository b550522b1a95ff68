import type { Clock, ClockTimer } from '@aet/tracker-core';
import type { BridgeConnection } from './bridgeConnection.js';

/**
 * Every `intervalMs` on `clock`: terminates the connections that did not answer the previous
 * ping (`onDead` counts each), and pings the rest. Returns the stop function.
 * @internal
 */
export function startKeepAlive(
  clock: Clock,
  intervalMs: number,
  connections: Iterable<BridgeConnection>,
  onDead: (connection: BridgeConnection) => void,
): () => void {
  let timer: ClockTimer;
  const tick = (): void => {
    for (const connection of [...connections]) {
      if (!connection.alive) {
        onDead(connection);
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
    timer = clock.setTimer(intervalMs, tick);
  };
  timer = clock.setTimer(intervalMs, tick);
  return () => {
    timer.cancel();
  };
}
