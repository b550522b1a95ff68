import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestKitError } from '../testKitError.js';
import { sendCommand, type RedisTarget } from './respClient.js';

/** A redis-server started for tests. */
export interface RedisServerHandle {
  readonly socketPath: string;
  readonly target: RedisTarget;
  /** The current server process (a restart starts a new one). */
  readonly pid: number;
  /**
   * Stops the server (saving nothing) and starts it again on the same socket and data directory:
   * with `appendOnly`, what it had acknowledged is back; clients see a dropped connection.
   * `whileDown` runs after the old server exited and before the new one starts.
   */
  restart(whileDown?: () => unknown): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** @default 'redis-server' (Debian's package) */
  readonly binary?: string;
  /** How long to wait for the first PONG. @default 5000 */
  readonly startTimeoutMs?: number;
  /** Persist every write to an append-only file, so a restart keeps the data. @default false */
  readonly appendOnly?: boolean;
}

const INSTALL_HINT =
  "install Debian's package (apt-get install -y redis-server), or run bash .ci/run, which installs it";

/**
 * Starts a private `redis-server` on a unix socket in a fresh temporary directory, without
 * Debian's config file, with persistence off, and waits for it to answer PING. Throws
 * {@link TestKitError} saying what to fix when the binary is missing or the server does not come up.
 */
export async function startRedisServer(
  options: RedisServerOptions = {},
): Promise<RedisServerHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'aet-redis-'));
  const socketPath = join(dir, 'redis.sock');
  const target: RedisTarget = { socketPath };
  let child: ChildProcess;
  try {
    child = await launch(dir, socketPath, options);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    socketPath,
    target,
    get pid() {
      return child.pid ?? -1;
    },
    restart: async (whileDown) => {
      await shutdown(target, child);
      await whileDown?.();
      child = await launch(dir, socketPath, options);
    },
    stop: async () => {
      await shutdown(target, child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Starts redis-server in `dir` on `socketPath` and waits for PONG; kills it on failure. */
async function launch(
  dir: string,
  socketPath: string,
  options: RedisServerOptions,
): Promise<ChildProcess> {
  const binary = options.binary ?? 'redis-server';
  const output: string[] = [];
  let child: ChildProcess;
  try {
    child = spawn(
      binary,
      [
        '--port',
        '0',
        '--unixsocket',
        socketPath,
        '--unixsocketperm',
        '700',
        '--save',
        '',
        '--appendonly',
        options.appendOnly === true ? 'yes' : 'no',
        '--appendfsync',
        'always',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    throw new TestKitError(
      'TEST_KIT_REDIS_UNAVAILABLE',
      `cannot start ${binary}: ${String(error)}; ${INSTALL_HINT}`,
    );
  }
  const spawnFailure = new Promise<Error>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve(
        error.code === 'ENOENT'
          ? new TestKitError(
              'TEST_KIT_REDIS_UNAVAILABLE',
              `${binary} was not found on PATH: ${INSTALL_HINT}`,
            )
          : error,
      );
    });
    child.once('exit', (code) => {
      resolve(
        new TestKitError(
          'TEST_KIT_REDIS_UNAVAILABLE',
          `${binary} exited with code ${String(code)}: ${output.join('').slice(-500)}`,
        ),
      );
    });
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const target: RedisTarget = { socketPath };
  const deadline = Date.now() + (options.startTimeoutMs ?? 5_000);
  const ready = (async () => {
    for (;;) {
      try {
        if ((await sendCommand(target, ['PING'], 500)) === 'PONG') return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new TestKitError(
          'TEST_KIT_REDIS_UNAVAILABLE',
          `${binary} did not answer PING within ${options.startTimeoutMs ?? 5_000} ms: ${output.join('').slice(-500)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  try {
    await Promise.race([ready, spawnFailure.then((error) => Promise.reject(error))]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return child;
}

/** Stops the server (SHUTDOWN NOSAVE, else SIGKILL) and waits for the process to exit. */
async function shutdown(target: RedisTarget, child: ChildProcess): Promise<void> {
  try {
    await sendCommand(target, ['SHUTDOWN', 'NOSAVE'], 1_000);
  } catch {
    child.kill('SIGKILL');
  }
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(undefined);
      }, 2_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }
}
