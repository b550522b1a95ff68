import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createExecutionTracker, type TrackerEvent } from '@aet/tracker-core';
import { recoverExecutions, RedisExecutionStore } from '@aet/store-redis';

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

  it('recoverExecutions: three restarted trackers report every death once, with one agent_death each, and reload what is still alive', async () => {
    const { socketPath } = inject('aetRedis');
    const prefix = `aet-recover:${process.pid}`;
    const count = 300;
    const { child, ready } = startOwner(socketPath, prefix, count);
    await ready;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    // A process that is still alive, renewing its leases: its executions must not be touched.
    const liveStore = new RedisExecutionStore({ connection: { path: socketPath }, prefix });
    stores.push(liveStore);
    const live = createExecutionTracker({ store: liveStore, heartbeatTimeout: 1 });
    const liveIds = Array.from({ length: 5 }, (_, i) =>
      // No heartbeat deadline of their own: alive for as long as this process renews the leases.
      live.createExecution({
        agentName: 'triage',
        userId: `user-live-${i}`,
        threadId: 't',
        heartbeatTimeoutSeconds: null,
      }),
    );
    for (const id of liveIds) live.startExecution(id);

    await new Promise((resolve) => setTimeout(resolve, 1_600)); // the crashed owner's leases lapse
    const recovering = [0, 1, 2].map(() => {
      const store = new RedisExecutionStore({ connection: { path: socketPath }, prefix });
      stores.push(store);
      const tracker = createExecutionTracker({ store, heartbeatTimeout: 1 });
      const deaths: TrackerEvent[] = [];
      const callbacks: string[] = [];
      tracker.subscribe((event) => {
        if (event.type === 'agent_death') deaths.push(event);
      });
      tracker.onDeath((record) => {
        callbacks.push(record.id);
      });
      return { store, tracker, deaths, callbacks };
    });
    const reports = await Promise.all(
      recovering.map(({ tracker, store }) => recoverExecutions(tracker, store)),
    );

    const dead = reports.flatMap((report) => report.dead.map((record) => record.id));
    expect(dead).toHaveLength(count);
    expect(new Set(dead).size).toBe(count);
    const deathEvents = recovering.flatMap(({ deaths }) => deaths);
    expect(deathEvents).toHaveLength(count);
    expect(new Set(deathEvents.map((event) => event.executionId))).toEqual(new Set(dead));
    for (const [i, { deaths, callbacks }] of recovering.entries()) {
      expect(deaths.map((event) => event.executionId).sort()).toEqual(
        reports[i]?.dead.map((record) => record.id).sort(),
      );
      expect(callbacks.sort()).toEqual(deaths.map((event) => event.executionId).sort());
      for (const event of deaths) {
        expect(event).toMatchObject({ type: 'agent_death', cause: 'no_heartbeat' });
        expect(event.userId).toMatch(/^user-crash-/);
      }
    }
    for (const report of reports) {
      expect(report.alive.map((stored) => stored.record.id).sort()).toEqual([...liveIds].sort());
    }
    await Promise.all([live, ...recovering.map(({ tracker }) => tracker)].map((t) => t.dispose()));
  }, 30_000);
});
