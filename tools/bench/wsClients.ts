// The clients of the WebSocket fan-out benchmark, in a process of their own (so that the server
// being measured has its own core): `fork('wsClients.js', [url, clients, users])`. Connects the
// clients (client i is user i % users), then on {expect, total, latency} counts messages until
// `total` arrived and answers {done, latencies?}. Latency is read from each event's
// `parameters.sentAt` (ms on the monotonic clock, which local processes share).
import { WebSocket } from 'ws';

const [url = '', clientCount = '1000', userCount = '100'] = process.argv.slice(2);
const send = (message: object): void => {
  process.send?.(message);
};

interface Expectation {
  readonly total: number;
  readonly latency: boolean;
}
let expectation: Expectation | undefined;
let received = 0;
let latencies: number[] = [];
// CLOCK_MONOTONIC: one clock for every process on the machine (performance.timeOrigin is per
// process, and its error is as large as what is measured).
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

function onMessage(data: Buffer): void {
  if (expectation === undefined) return;
  if (expectation.latency) {
    const frame = JSON.parse(data.toString('utf8')) as { parameters?: { sentAt?: number } };
    const sentAt = frame.parameters?.sentAt;
    if (sentAt === undefined) return;
    latencies.push(now() - sentAt);
  }
  if (++received === expectation.total) {
    send({ done: true, latencies: expectation.latency ? latencies : undefined });
    expectation = undefined;
  }
}

const sockets: WebSocket[] = [];
for (let i = 0; i < Number(clientCount); i++) {
  const socket = new WebSocket(`${url}?token=token-user-${String(i % Number(userCount))}`, {
    perMessageDeflate: false,
  });
  socket.on('message', onMessage);
  socket.on('error', (error) => {
    process.stderr.write(`client ${String(i)}: ${error.message}\n`);
  });
  sockets.push(socket);
  // Connect in small waves: a burst of 1,000 handshakes overflows the listen backlog.
  if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 10));
}
await Promise.all(
  sockets.map(
    (socket) =>
      new Promise<void>((resolve, reject) => {
        if (socket.readyState === WebSocket.OPEN) resolve();
        socket.once('open', () => {
          resolve();
        });
        socket.once('close', (code) => {
          reject(new Error(`closed with ${String(code)} before open`));
        });
      }),
  ),
);
// Let the connected frames arrive before counting starts.
await new Promise((resolve) => setTimeout(resolve, 200));
send({ ready: true });
process.on('message', (message: Expectation & { exit?: boolean }) => {
  if (message.exit === true) {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
  received = 0;
  latencies = [];
  expectation = message;
  send({ armed: true });
});
