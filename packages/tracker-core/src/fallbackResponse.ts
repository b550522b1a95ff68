import type { Clock } from './clock.js';
import type { LegacyNotifier } from './legacyNotifier.js';

/** What a user is told when an agent could not answer (the legacy shape, camelCased). */
export interface FallbackResponse {
  readonly success: false;
  readonly agentName: string;
  readonly error: string;
  /** The error's class name, e.g. `ExecutionTimeoutError`. */
  readonly errorType: string;
  readonly fallback: true;
  readonly message: string;
  readonly runId: string;
  /** ISO 8601. */
  readonly timestamp: string;
}

/** `String(value)`, or its tag when it has no string form (`Object.create(null)`, a throwing `toString`). */
function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Builds the fallback response for `error`. @internal */
export function buildFallbackResponse(
  clock: Clock,
  agentName: string,
  error: unknown,
  runId: string,
): FallbackResponse {
  const isError = error instanceof Error;
  return Object.freeze({
    success: false,
    agentName,
    error: isError ? error.message : textOf(error),
    errorType: isError ? error.name : typeof error,
    fallback: true,
    message:
      `I apologize, but the ${agentName} is temporarily unavailable. ` +
      'Please try again in a moment, or rephrase your request.',
    runId,
    timestamp: new Date(clock.now()).toISOString(),
  });
}

/**
 * Sends the fallback through the legacy notifier as an `agent_completed` with execution time 0,
 * as the legacy timeout manager did. Resolves to whether the notifier accepted it.
 * @internal
 */
export async function deliverFallback(
  notifier: LegacyNotifier | undefined,
  response: FallbackResponse,
): Promise<boolean> {
  if (notifier?.notifyAgentCompleted === undefined) return false;
  await notifier.notifyAgentCompleted(response.runId, response.agentName, response, 0);
  return true;
}
