import { v7 as uuidv7 } from 'uuid';
import { InvalidIdError } from './errors.js';
import { systemClock } from './systemClock.js';

/** The kinds of id tracker-core mints, each with its own prefix. */
export const IdType = {
  EXECUTION: 'execution',
  RUN: 'run',
  THREAD: 'thread',
  REQUEST: 'request',
  WEBSOCKET: 'websocket',
} as const;

/** One of the {@link IdType} values. */
export type IdType = (typeof IdType)[keyof typeof IdType];

/** The prefix each id type carries. */
export const ID_PREFIXES: Readonly<Record<IdType, string>> = {
  execution: 'exec',
  run: 'run',
  thread: 'thread',
  request: 'req',
  websocket: 'ws',
};

const typeByPrefix = new Map<string, IdType>(
  (Object.entries(ID_PREFIXES) as [IdType, string][]).map(([type, prefix]) => [prefix, type]),
);

// prefix, underscore, 32 lowercase hex digits of a version-7 UUID (variant 10xx).
const ID_PATTERN = /^([a-z]+)_([0-9a-f]{12})7([0-9a-f]{3})([89ab][0-9a-f]{15})$/;

/** What {@link UnifiedIDManager.parseId} learns from an id. */
export interface ParsedId {
  readonly type: IdType;
  readonly prefix: string;
  /** The UUID in its canonical dashed form. */
  readonly uuid: string;
  /** The creation time embedded in the UUID (epoch ms). */
  readonly timestampMs: number;
}

// Random bytes come from the platform CSPRNG in pooled blocks: one getRandomValues call per 256
// ids instead of one per id (which cost more than everything else in a tracked lifecycle).
const RANDOM_BYTES_PER_ID = 16;
const randomPool = new Uint8Array(RANDOM_BYTES_PER_ID * 256);
let poolOffset = randomPool.length;

function nextRandomBytes(): Uint8Array {
  if (poolOffset >= randomPool.length) {
    crypto.getRandomValues(randomPool);
    poolOffset = 0;
  }
  const bytes = randomPool.subarray(poolOffset, poolOffset + RANDOM_BYTES_PER_ID);
  poolOffset += RANDOM_BYTES_PER_ID;
  return bytes;
}

// RFC 9562 §6.2 method 1: within one millisecond a 31-bit counter (seeded randomly each new
// millisecond) keeps ids strictly increasing; on overflow the timestamp is advanced.
const monotonic = { msecs: -Infinity, seq: 0 };

const uuidBytes = new Uint8Array(16);
// Each id is written as ASCII into this buffer and decoded once: one flat string per id, where
// concatenating prefix and hex would leave a rope plus its flattened copy (measured: ~100 bytes
// per id, on each of the three ids an execution carries).
const idBuffer = Buffer.alloc(64);
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/** Writes the 32 hex digits of a new version-7 UUID into `idBuffer` at `offset`. */
function writeUuidV7Hex(offset: number): void {
  const now = systemClock.now();
  const random = nextRandomBytes();
  if (now > monotonic.msecs) {
    monotonic.msecs = now;
    monotonic.seq =
      (((random[6] as number) << 23) |
        ((random[7] as number) << 15) |
        ((random[8] as number) << 7) |
        ((random[9] as number) >>> 1)) >>>
      0;
  } else {
    monotonic.seq = (monotonic.seq + 1) | 0;
    if (monotonic.seq === 0) monotonic.msecs++;
  }
  // uuid lays out the version, variant, time and counter bits; the hex is written here.
  uuidv7({ random, msecs: monotonic.msecs, seq: monotonic.seq }, uuidBytes);
  for (let i = 0; i < 16; i++) {
    const byte = uuidBytes[i] as number;
    idBuffer[offset + 2 * i] = HEX_DIGITS[byte >>> 4] as number;
    idBuffer[offset + 2 * i + 1] = HEX_DIGITS[byte & 0x0f] as number;
  }
}

function generate(type: IdType): string {
  const prefix = ID_PREFIXES[type] as string | undefined;
  if (prefix === undefined) {
    throw new InvalidIdError(
      `unknown id type ${JSON.stringify(type)}; expected one of ${Object.keys(ID_PREFIXES).join(', ')}`,
    );
  }
  const prefixLength = idBuffer.write(prefix, 0, 'latin1');
  idBuffer[prefixLength] = 0x5f; // '_'
  writeUuidV7Hex(prefixLength + 1);
  return idBuffer.toString('latin1', 0, prefixLength + 33);
}

function tryParseId(id: unknown): ParsedId | undefined {
  if (typeof id !== 'string') return undefined;
  const match = ID_PATTERN.exec(id);
  if (match === null) return undefined;
  const [, prefix = '', timeHex = '', rest1 = '', rest2 = ''] = match;
  const type = typeByPrefix.get(prefix);
  if (type === undefined) return undefined;
  const hex = `${timeHex}7${rest1}${rest2}`;
  return {
    type,
    prefix,
    uuid: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    timestampMs: Number.parseInt(timeHex, 16),
  };
}

/**
 * The only place ids are minted. Ids are `<prefix>_<32 hex digits>` around a version-7 UUID:
 * unique (a random-seeded 31-bit counter per millisecond plus 32 random bits), strictly increasing
 * in creation order, and typed by their prefix (`exec_`, `run_`, `thread_`, `req_`, `ws_`).
 * @example
 * const id = UnifiedIDManager.generateExecutionId(); // 'exec_0192f0c1…'
 * UnifiedIDManager.parseId(id).type; // 'execution'
 */
export const UnifiedIDManager = Object.freeze({
  /** A new id of `type`. */
  generate,

  /** A new execution id (`exec_…`). */
  generateExecutionId: (): string => generate(IdType.EXECUTION),

  /**
   * A new run id (`run_…`). `threadId` is accepted for source compatibility with the legacy API,
   * whose run ids embedded the thread; they no longer do (the thread lives on the record).
   */
  generateRunId(threadId?: string): string {
    if (threadId !== undefined && (typeof threadId !== 'string' || threadId.length === 0)) {
      throw new InvalidIdError(
        `threadId must be a non-empty string, got ${JSON.stringify(threadId)}`,
      );
    }
    return generate(IdType.RUN);
  },

  /** A new thread id (`thread_…`). */
  generateThreadId: (): string => generate(IdType.THREAD),

  /** A new request id (`req_…`). */
  generateRequestId: (): string => generate(IdType.REQUEST),

  /** A new WebSocket connection id (`ws_…`). */
  generateWebSocketId: (): string => generate(IdType.WEBSOCKET),

  /** Parses an id minted here; throws {@link InvalidIdError} for anything else. */
  parseId(id: string): ParsedId {
    const parsed = tryParseId(id);
    if (parsed === undefined) {
      throw new InvalidIdError(
        `not an AET id: ${JSON.stringify(id)} (expected <prefix>_<uuid v7 hex>, prefixes ${[
          ...typeByPrefix.keys(),
        ].join(', ')})`,
      );
    }
    return parsed;
  },

  /** Parses an id, or returns undefined when it is not one minted here. */
  tryParseId,

  /** True when `id` was minted here, and is of `type` when one is given. */
  isValidId(id: unknown, type?: IdType): boolean {
    const parsed = tryParseId(id);
    return parsed !== undefined && (type === undefined || parsed.type === type);
  },
});
