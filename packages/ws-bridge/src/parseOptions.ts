import { z } from 'zod';
import { WsBridgeError } from './errors.js';

/**
 * Parses `what`'s options with `schema` (defaults filled in); bad ones throw
 * `WS_BRIDGE_BAD_OPTIONS` naming each problem.
 * @internal
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  options: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    throw new WsBridgeError(
      'WS_BRIDGE_BAD_OPTIONS',
      `bad ${what} options: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
