import {
  AGENT_EXECUTION_PHASES,
  isAgentExecutionPhase,
  type AgentExecutionPhase,
} from './agentExecutionPhase.js';
import { InvalidArgumentError } from './errors.js';
import { EXECUTION_STATES, isExecutionState, type ExecutionState } from './executionState.js';
import { isLegacyNotifier, type LegacyNotifier } from './legacyNotifier.js';
import { renderValue } from './zodIssues.js';

// Runtime checks of call arguments. They take `unknown` on purpose: TypeScript callers are
// already checked at compile time, JavaScript callers (and `as any`) are caught here, with an
// InvalidArgumentError naming the argument and the value.

/** @internal */
export function assertPhase(name: string, value: unknown): asserts value is AgentExecutionPhase {
  if (!isAgentExecutionPhase(value)) {
    throw new InvalidArgumentError(
      `${name} must be an AgentExecutionPhase (${AGENT_EXECUTION_PHASES.join(', ')}), got ${renderValue(value)}`,
    );
  }
}

/** @internal */
export function assertState(name: string, value: unknown): asserts value is ExecutionState {
  if (!isExecutionState(value)) {
    throw new InvalidArgumentError(
      `${name} must be one of ${EXECUTION_STATES.join(', ')}, got ${renderValue(value)}`,
    );
  }
}

/** @internal */
export function assertPolicy(value: unknown): asserts value is 'strict' | 'warn' {
  if (value !== 'strict' && value !== 'warn') {
    throw new InvalidArgumentError(`policy must be 'strict' or 'warn', got ${renderValue(value)}`);
  }
}

/** @internal */
export function assertFunction(name: string, value: unknown): void {
  if (typeof value !== 'function') {
    throw new InvalidArgumentError(`${name} must be a function, got ${renderValue(value)}`);
  }
}

/** @internal */
export function assertNotifier(value: unknown): asserts value is LegacyNotifier {
  if (!isLegacyNotifier(value)) {
    throw new InvalidArgumentError(
      `notifier must be an object whose notify* members are functions, got ${renderValue(value)}`,
    );
  }
}

/** @internal */
export function assertNonEmptyString(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new InvalidArgumentError(`${name} must be a non-empty string, got ${renderValue(value)}`);
  }
}

/** @internal */
export function assertString(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`${name} must be a string, got ${renderValue(value)}`);
  }
}

/** @internal */
export function assertPositiveSeconds(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(`${name} must be > 0 seconds, got ${renderValue(value)}`);
  }
}

/** @internal */
export function assertNonNegativeNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(
      `${name} must be a finite number >= 0, got ${renderValue(value)}`,
    );
  }
}

/** @internal */
export function assertWholeNumber(
  name: string,
  value: unknown,
  min: number,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(
      `${name} must be a whole number >= ${min}, got ${renderValue(value)}`,
    );
  }
}

/** Must be a non-null, non-array object. @internal */
export function assertObject(name: string, value: unknown): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(`${name} must be an object, got ${renderValue(value)}`);
  }
}

/** Undefined passes; anything else must be a non-null, non-array object. @internal */
export function assertOptionalObject(name: string, value: unknown): void {
  if (value !== undefined) assertObject(name, value);
}

const SETTABLE_AGENT_STATE_KEYS: ReadonlySet<string> = new Set([
  'warningCount',
  'errorCount',
  'metadata',
]);

/** Checks the argument of `setAgentState`. @internal */
export function assertAgentStateUpdates(updates: unknown): void {
  assertObject('updates', updates);
  for (const [key, value] of Object.entries(updates)) {
    if (!SETTABLE_AGENT_STATE_KEYS.has(key)) {
      throw new InvalidArgumentError(
        `updates.${key} is not settable (allowed: ${[...SETTABLE_AGENT_STATE_KEYS].join(', ')})`,
      );
    }
    if (key === 'metadata') assertOptionalObject('updates.metadata', value);
    else if (value !== undefined) assertWholeNumber(`updates.${key}`, value, 0);
  }
}
