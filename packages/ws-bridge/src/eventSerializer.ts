import type { TrackerEvent } from '@aet/tracker-core';
import { WsBridgeError } from './errors.js';
import { toWireEvent, type AgentDataField, type WireEvent } from './wireFormat.js';

const AGENT_DATA_FIELDS: readonly AgentDataField[] = ['parameters', 'results', 'result'];

/**
 * Turns events into the JSON text of their frames. The events of one user go to each of their
 * connections one after the other, so the last result is kept: the next connection gets it
 * without a second `JSON.stringify`. Only a successful result is kept, under the event and cursor
 * it was made from.
 *
 * Serializing never throws. Agent data that JSON cannot carry (a `BigInt`, a cycle, a `toJSON`
 * that throws) does not drop the event: it goes out in its place in the stream with those fields
 * `null` and an `unserializable` note, and `onUnserializable` is told.
 * @internal
 */
export class EventSerializer {
  private cachedEvent: TrackerEvent | undefined;
  private cachedCursor = '';
  private cachedPayload = '';

  constructor(private readonly onUnserializable: (error: WsBridgeError) => void) {}

  serialize(cursor: string, event: TrackerEvent): string {
    if (event === this.cachedEvent && cursor === this.cachedCursor) return this.cachedPayload;
    let payload: string;
    try {
      payload = JSON.stringify(toWireEvent(event, cursor));
    } catch (error) {
      payload = this.withoutAgentData(cursor, event, error);
    }
    this.cachedEvent = event;
    this.cachedCursor = cursor;
    this.cachedPayload = payload;
    return payload;
  }

  private withoutAgentData(cursor: string, event: TrackerEvent, error: unknown): string {
    const message = messageOf(error);
    let fields: AgentDataField[] = [];
    let payload: string;
    try {
      const wire: Record<string, unknown> = { ...toWireEvent(event, cursor) };
      fields = AGENT_DATA_FIELDS.filter((field) => field in wire && !serializable(wire[field]));
      for (const field of fields) wire[field] = null;
      wire.unserializable = { fields, message };
      payload = JSON.stringify(wire);
    } catch {
      // Not the agent's data: the event itself is malformed. Its place in the stream still shows.
      payload = JSON.stringify(placeholder(event, cursor, message));
    }
    this.onUnserializable(
      new WsBridgeError(
        'WS_BRIDGE_UNSERIALIZABLE_EVENT',
        `${event.type} (seq ${String(event.seq)}) of execution ${event.executionId} ` +
          `cannot be sent as JSON (${message}); it was sent with ` +
          (fields.length > 0 ? `${fields.join(', ')} null` : 'its strings and numbers only'),
        { cause: error },
      ),
    );
    return payload;
  }
}

/** The parts of an event that are plain strings and numbers, with the note. */
function placeholder(
  event: TrackerEvent,
  cursor: string,
  message: string,
): Partial<Record<keyof WireEvent, unknown>> {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    type: text(event.type),
    execution_id: text(event.executionId),
    user_id: text(event.userId),
    seq: typeof event.seq === 'number' ? event.seq : 0,
    cursor,
    critical: event.critical,
    unserializable: { fields: [], message },
  };
}

function serializable(value: unknown): boolean {
  try {
    JSON.stringify(value);
    return true;
  } catch {
    return false;
  }
}

function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'a value that cannot be described';
  }
}
