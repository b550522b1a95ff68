import { z } from 'zod';

/** What a client may send: an application-level ping (browsers cannot send WebSocket pings). */
const clientFrameSchema = z.strictObject({ type: z.literal('ping') });

/** A frame a client sent, as the bridge understood it. */
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Why a client frame was refused (sent back as an `error` frame). */
export type ClientFrameProblem = {
  readonly code: 'binary_frame' | 'bad_json' | 'bad_frame';
  readonly message: string;
};

/** Parses one client frame; never throws. */
export function parseClientFrame(
  data: Buffer | ArrayBuffer | Buffer[],
  isBinary: boolean,
): ClientFrame | ClientFrameProblem {
  if (isBinary) {
    return { code: 'binary_frame', message: 'frames must be JSON text, not binary' };
  }
  const text = Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.from(data as ArrayBuffer).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { code: 'bad_json', message: 'frames must be JSON, like {"type":"ping"}' };
  }
  const parsed = clientFrameSchema.safeParse(value);
  if (!parsed.success) {
    return {
      code: 'bad_frame',
      message: 'the only client frame is {"type":"ping"}; resume with ?after=<cursor> in the URL',
    };
  }
  return parsed.data;
}

/** True when the parse gave a problem rather than a frame. */
export function isFrameProblem(
  result: ClientFrame | ClientFrameProblem,
): result is ClientFrameProblem {
  return 'message' in result;
}
