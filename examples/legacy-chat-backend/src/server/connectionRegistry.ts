import type { WebSocket } from 'ws';

/** Each user's open sockets. Frames for a user go to all of theirs, and to no one else's. */
export class ConnectionRegistry {
  private readonly byUser = new Map<string, Set<WebSocket>>();

  add(userId: string, socket: WebSocket): void {
    let sockets = this.byUser.get(userId);
    if (sockets === undefined) this.byUser.set(userId, (sockets = new Set()));
    sockets.add(socket);
  }

  remove(userId: string, socket: WebSocket): void {
    const sockets = this.byUser.get(userId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.byUser.delete(userId);
  }

  /** Sends `frame` to every open socket of `userId`; returns how many got it. */
  sendToUser(userId: string, frame: object): number {
    const payload = JSON.stringify(frame);
    let sent = 0;
    for (const socket of this.byUser.get(userId) ?? []) {
      if (socket.readyState === socket.OPEN) {
        socket.send(payload);
        sent++;
      }
    }
    return sent;
  }
}
