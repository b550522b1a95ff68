import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { RedisExecutionStore } from '@aet/store-redis';

const owner = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'crashingOwner.mjs');
const stores: RedisExecutionStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

/** Starts the owner process and resolves with its tracker id once its executions are in Redis. */
function startOwner(socketPath: string, prefix: string, count: number) {
  const child = spawn(process.execPath, [owner, socketPath, prefix, String(count)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => {
      resolve(chunk.toString().trim());
    });
    child.once('exit', (code) => {
      reject(
        new Error(`the owner process exited (${String(code)}) before it was ready: ${stderr}`),
      );
    });
  });
  return { child, ready };
}

describe('recovery after a crash (a real process, killed with SIGKILL)', () => {
  it('marks every in-flight execution DEAD exactly once, with three sweepers on separate connections, losing none', async () => {
    const { socketPath } = inject('aetRedis');
    const prefix = `aet-crash:${process.pid}`;
    const count = 1_000;
    const { child, ready } = startOwner(socketPath, prefix, count);
    const ownerId = await ready;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const sweepers = [0, 1, 2].map(
      () => new RedisExecutionStore({ connection: { path: socketPath }, prefix }),
    );
    stores.push(...sweepers);
    const [first] = sweepers as [RedisExecutionStore];
    const alive = await first.listAlive();
    expect(alive).toHaveLength(count);
    expect(new Set(alive.map((s) => s.ownerId))).toEqual(new Set([ownerId]));

    await new Promise((resolve) => setTimeout(resolve, 1_600)); // the 1 s leases lapse unrenewed
    const marked = (
      await Promise.all(
        sweepers.map((s, i) =>
          s.sweepExpiredLeases({ sweeperId: `recoverer-${i}`, ignoreGuard: true }),
        ),
      )
    ).flat();
    expect(marked).toHaveLength(count);
    expect(new Set(marked.map((r) => r.id)).size).toBe(count);

    const byUser = await Promise.all(
      Array.from({ length: 20 }, (_, u) => first.listByUser(`user-crash-${u}`)),
    );
    const all = byUser.flat();
    expect(all).toHaveLength(count);
    expect(all.every((s) => s.record.state === 'dead')).toBe(true);
    expect(await first.listAlive()).toEqual([]);
  }, 30_000);
});
