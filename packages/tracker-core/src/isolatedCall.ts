/**
 * Calls user code (an event listener, a legacy notifier, a death callback) so that it can never
 * break the tracker: a synchronous throw and a rejected promise (or any thenable) both end in
 * `onFailure`, and a pending promise is never awaited.
 * @internal
 */
export function callIsolated(invoke: () => unknown, onFailure: (error: unknown) => void): void {
  try {
    const outcome = invoke();
    if (isThenable(outcome)) outcome.then(undefined, onFailure);
  } catch (error) {
    onFailure(error);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}
