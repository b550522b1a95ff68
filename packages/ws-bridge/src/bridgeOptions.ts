import type { IncomingMessage, Server } from 'node:http';
import { isClock, type Clock } from '@aet/tracker-core';
import { z } from 'zod';
import type { WsBridgeError } from './errors.js';
import type { EventSource } from './eventSource.js';
import { parseOptions } from './parseOptions.js';

/**
 * Says who a connection belongs to: the user id, or `undefined` (or a throw) to refuse it. Runs
 * once per connection, before the WebSocket handshake completes.
 */
export type VerifyConnection = (
  request: IncomingMessage,
) => string | undefined | Promise<string | undefined>;

const isFunction = (value: unknown): boolean => typeof value === 'function';

const optionsSchema = z
  .strictObject({
    /** Where events come from: a `TrackerEventSource` or an `EventLogSource`. */
    source: z.custom<EventSource>(
      (value) => typeof (value as EventSource | undefined)?.open === 'function',
      'an EventSource (TrackerEventSource or EventLogSource)',
    ),
    verify: z.custom<VerifyConnection>(isFunction, 'a function (request) => userId | undefined'),
    /** An HTTP server to attach to (upgrades on `path`); or give `port` for a server of its own. */
    server: z
      .custom<Server>((value) => typeof (value as Server | undefined)?.on === 'function')
      .optional(),
    port: z.number().int().min(0).max(65_535).optional(),
    /** @default '127.0.0.1' (only with `port`) */
    host: z.string().min(1).optional(),
    /** @default '/events' */
    path: z.string().startsWith('/').default('/events'),
    /** Open connections per user; the next one is closed with 4429. @default 10 */
    maxConnectionsPerUser: z.number().int().min(1).default(10),
    /** Bytes waiting to be sent to one connection before it is closed as slow (4408). @default 1 MiB */
    maxBufferedBytes: z.number().int().min(1_024).default(1_048_576),
    /** Largest client frame; bigger ones close the connection (1009). @default 4096 */
    maxClientFrameBytes: z.number().int().min(64).default(4_096),
    /** Refused client frames tolerated per connection before it is closed (4400). @default 10 */
    maxBadFrames: z.number().int().min(1).default(10),
    /** A WebSocket ping this often; a connection that missed the previous pong is terminated. @default 30000 */
    pingIntervalMs: z.number().int().min(10).default(30_000),
    /**
     * How long a connection the bridge closes (refused, slow, shutting down) may take to answer
     * the close frame before its socket is destroyed. @default 2000
     */
    closeTimeoutMs: z.number().int().min(1).default(2_000),
    /**
     * Told about what the bridge handled on its own: an event sent without agent data JSON
     * cannot carry, a `verify` that threw, a fault while handling one socket. Never thrown.
     */
    onError: z
      .custom<(error: WsBridgeError) => void>(isFunction, 'a function (error) => void')
      .optional(),
    /** Time for the pings. @default the system clock */
    clock: z.custom<Clock>(isClock, 'a Clock (now, setTimer)').optional(),
  })
  .refine((options) => (options.server === undefined) !== (options.port === undefined), {
    message: 'give exactly one of `server` (attach to it) and `port` (a server of its own)',
  });

/** Options of {@link createEventBridge}. */
export type EventBridgeOptions = z.input<typeof optionsSchema>;
/** The options with their defaults. @internal */
export type ResolvedBridgeOptions = z.output<typeof optionsSchema>;

/** @internal */
export function parseBridgeOptions(options: EventBridgeOptions): ResolvedBridgeOptions {
  return parseOptions(optionsSchema, options, 'event bridge');
}
