// Tiny JSON-lines logger: one line per event with its scope, correlation id and fields.
const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'];

/** @typedef {(message: string, fields?: Record<string, unknown>) => void} LogFn */

/** @param {string} scope @param {{ level?: string, write?: (line: string) => void }} [options] */
export function createLogger(scope, options = {}) {
  const level =
    options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  const threshold = Math.max(0, LEVELS.indexOf(level));
  const write = options.write ?? ((line) => process.stdout.write(`${line}\n`));

  /** @param {string} name @returns {LogFn} */
  const at = (name) => (msg, { correlationId, ...fields } = {}) => {
    if (LEVELS.indexOf(name) < threshold) return;
    const cid = typeof correlationId === 'string' ? correlationId.slice(0, 8) : undefined;
    write(JSON.stringify({ ts: new Date().toISOString(), level: name, scope, cid, msg, ...fields }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
