// A bridge in a process of its own, fed by the Redis event stream that the agents' process
// writes: `tsx --conditions=@aet/source redisBridgeProcess.ts <socketPath> <prefix>`. Prints
// `{"url":…}` once listening; exits on SIGTERM.
import { RedisEventStream } from '@aet/store-redis';
import { createEventBridge, EventLogSource } from '@aet/ws-bridge';
import { verifyToken } from '../bridgeHarness.js';

const [socketPath, prefix] = process.argv.slice(2);
if (socketPath === undefined || prefix === undefined) {
  process.stderr.write('usage: redisBridgeProcess.ts <redis socket path> <prefix>\n');
  process.exit(2);
}
const log = new RedisEventStream({ connection: { path: socketPath }, prefix });
const source = new EventLogSource(log);
const bridge = await createEventBridge({
  source,
  port: 0,
  verify: verifyToken,
});
process.stdout.write(`${JSON.stringify({ url: bridge.url })}\n`);
process.once('SIGTERM', () => {
  void bridge
    .close()
    .then(() => source.close())
    .then(() => log.close())
    .then(() => process.exit(0));
});
