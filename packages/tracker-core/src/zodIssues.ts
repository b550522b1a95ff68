import type { z } from 'zod';

/**
 * One line per zod issue, naming the field and the value it got, e.g.
 * `heartbeatTimeout: must be > 0 seconds, got -1`.
 * @internal
 */
export function describeZodIssues(error: z.ZodError, root = ''): string {
  return error.issues
    .map((issue) => {
      const path = [root, ...issue.path.map(String)].filter((part) => part !== '').join('.');
      const where = path === '' ? '(root)' : path;
      if (issue.code === 'unrecognized_keys') {
        return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys
          .map((key) => JSON.stringify(key))
          .join(', ')}`;
      }
      return `${where}: ${issue.message}, got ${renderValue(issue.input)}`;
    })
    .join('; ');
}

/** A short, safe rendering of any value for an error message. @internal */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
