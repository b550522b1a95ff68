/**
 * What a caller's work function gave, as a promise: its value (a plain value, a promise, or a
 * thenable's outcome) or its error (thrown synchronously, or a rejection). The tracker runs work
 * through this, so a function that does not return a promise is handled as its value, never as
 * `pending.then is not a function`. A native promise is returned as it is (no allocation).
 * @internal
 */
export function outcomeOf<T>(work: () => T | PromiseLike<T>): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}
