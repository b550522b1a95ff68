import type { WebSocket } from 'ws';
import type { BridgeCounters } from './bridgeMetrics.js';
import { CloseCode } from './closeCodes.js';
import type { ServerFrame } from './wireFormat.js';

/**
 * One accepted client, and the flow control of what it is sent.
 *
 * The socket is given data only while its unsent bytes (`bufferedAmount`) are under
 * `maxBufferedBytes`; the rest waits here and goes out as the socket drains. What the source
 * replays before the connection starts (a resumed backlog, bounded by the source's retention)
 * goes out at the client's pace. Live events that have to wait are bounded: when more than
 * `maxBufferedBytes` of them wait, the client is too slow, and it is closed with 4408 (it can
 * resume). Nothing here ever blocks the bridge, so one slow client costs the others nothing.
 *
 * A connection that is closed leaves the bridge at once (`onClosing`): its user's slot is free
 * for the reconnect even while the client has not answered the close frame (the socket itself
 * is dropped after the bridge's `closeTimeoutMs`).
 * @internal
 */
export class BridgeConnection {
  private started = false;
  private closing = false;
  /** Frames before `start` (the `connected` frame goes ahead of them). */
  private replayed: string[] = [];
  private replayedHead = 0;
  /** Live frames waiting for the socket to drain. */
  private live: string[] = [];
  private liveHead = 0;
  private liveWaitingBytes = 0;
  /** Answered the last ping (or sent a frame) since the previous ping. */
  alive = true;
  badFrames = 0;

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly socket: WebSocket,
    private readonly maxBufferedBytes: number,
    private readonly metrics: BridgeCounters,
    private readonly onClosing: (connection: BridgeConnection) => void,
  ) {}

  get open(): boolean {
    return !this.closing && this.socket.readyState === this.socket.OPEN;
  }

  /** Sends the `connected` frame, then what the source replayed, then live frames. */
  start(connected: ServerFrame): void {
    this.started = true;
    this.replayed.splice(this.replayedHead, 0, JSON.stringify(connected));
    this.pump();
  }

  /** Queues a frame (before `start`: part of the replay; after: live). */
  send(payload: string): void {
    if (this.closing) return;
    if (!this.started) {
      this.replayed.push(payload);
      return;
    }
    if (this.liveHead === this.live.length && this.replayedHead === this.replayed.length) {
      if (this.socket.bufferedAmount < this.maxBufferedBytes) {
        this.write(payload);
        return;
      }
    }
    this.liveWaitingBytes += payload.length;
    if (this.liveWaitingBytes > this.maxBufferedBytes) {
      this.metrics.slowConsumersClosed++;
      this.close(CloseCode.SLOW_CONSUMER, 'slow consumer: reconnect with ?after=<last cursor>');
      return;
    }
    this.live.push(payload);
  }

  sendFrame(frame: ServerFrame): void {
    this.send(JSON.stringify(frame));
  }

  close(code: CloseCode, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.replayed = [];
    this.live = [];
    this.onClosing(this);
    this.socket.close(code, reason);
  }

  /** Called each time the socket took a frame: send more if it has room. */
  private readonly onWritten = (error?: Error | null): void => {
    // Node passes null (or nothing) on success, depending on how the write was batched.
    if (error === undefined || error === null) this.pump();
  };

  private pump(): void {
    while (this.open && this.socket.bufferedAmount < this.maxBufferedBytes) {
      if (this.replayedHead < this.replayed.length) {
        this.write(this.replayed[this.replayedHead++] ?? '');
      } else if (this.liveHead < this.live.length) {
        const payload = this.live[this.liveHead++] ?? '';
        this.liveWaitingBytes -= payload.length;
        this.write(payload);
      } else {
        break;
      }
    }
    if (this.replayedHead === this.replayed.length && this.replayed.length > 0) {
      this.replayed = [];
      this.replayedHead = 0;
    }
    if (this.liveHead === this.live.length && this.live.length > 0) {
      this.live = [];
      this.liveHead = 0;
    }
  }

  /**
   * Hands a frame to the socket. Only a write that may leave more than half the bound unsent
   * asks to be told when it is flushed (a callback per frame cost a bare ws loop ~15 % of its
   * fan-out): whenever frames wait here, the socket holds more than the bound, so its newest
   * write asked, and its callback resumes the pump. The estimate is pessimistic: UTF-8 takes up to 3 bytes per
   * character, and a frame header up to 14.
   */
  private write(payload: string): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount + 3 * payload.length + 14 > this.maxBufferedBytes / 2) {
      this.socket.send(payload, this.onWritten);
    } else {
      this.socket.send(payload);
    }
    this.metrics.framesSent++;
  }
}
