import { afterEach, describe, expect, it } from 'vitest';
import { shutdownExecutionTracker } from '@aet/tracker-core';
import { ExecutionEngineFactory } from '../src/engine/executionEngineFactory.js';
import { AgentExecutionTimeoutManager } from '../src/legacy/index.js';
import { startChatServer, type ChatServer } from '../src/server/chatServer.js';
import { connect, isolatedTracker, type Frame } from './support.js';

const USERS = Array.from({ length: 8 }, (_, i) => ({
  token: `token-${i}-s3cr3t`,
  userId: `user-${i}-7f3a9c`,
}));
const TOKENS = Object.fromEntries(USERS.map((u) => [u.token, u.userId]));

let server: ChatServer | undefined;

async function start(options: { agentTimeout?: number } = {}): Promise<ChatServer> {
  const timeoutManager = new AgentExecutionTimeoutManager(undefined, {
    tracker: isolatedTracker(options),
  });
  server = await startChatServer({
    tokens: TOKENS,
    factory: new ExecutionEngineFactory({ timeoutManager }),
  });
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
  await shutdownExecutionTracker();
});

const runFinished = (frame: Frame) => frame.type === 'run_finished';

describe('chat server golden path (real sockets on 127.0.0.1)', () => {
  it('delivers each of several concurrent users exactly their own five critical events, in order', async () => {
    const { url } = await start();
    const clients = await Promise.all(USERS.map((u) => connect(url, u.token)));
    await Promise.all(clients.map((c) => c.waitFor((f) => f.type === 'ready')));
    clients.forEach((client, i) => {
      client.send({
        type: 'chat',
        message: i % 2 === 0 ? `Where is order A-17?` : `What is ${i} + 40?`,
      });
    });
    await Promise.all(clients.map((c) => c.waitFor(runFinished)));
    clients.forEach((client, i) => {
      const user = USERS[i]!;
      const events = client.frames.filter((f) => f.type !== 'ready' && f.type !== 'run_finished');
      expect(events.every((f) => f.user_id === user.userId)).toBe(true);
      expect(events).toHaveEmittedCriticalEvents();
      const runIds = new Set(events.map((f) => f.run_id));
      expect(runIds.size).toBe(1);
      const completed = events.find((f) => f.type === 'agent_completed');
      expect(completed).toMatchObject({ status: 'completed' });
      expect(String(completed?.final_response)).toContain(i % 2 === 0 ? 'shipped' : String(i + 40));
      for (const f of events) expect(typeof f.timestamp).toBe('string');
      expect(typeof events.find((f) => f.type === 'tool_completed')?.duration).toBe('number');
    });
    for (const client of clients) client.socket.close();
  });

  it('reports a hung agent as timed out', async () => {
    const { url } = await start({ agentTimeout: 0.3 });
    const client = await connect(url, USERS[0]!.token);
    client.send({ type: 'chat', message: 'please hang' });
    const finished = await client.waitFor(runFinished);
    expect(finished.status).toBe('timeout');
    expect(client.frames.find((f) => f.type === 'agent_error')).toMatchObject({
      error: 'Agent execution timed out after 0.3s',
      error_type: 'timeout',
    });
    client.socket.close();
  });

  it('opens the LLM breaker on repeated failures and gives the user a fallback', async () => {
    const { url } = await start();
    const client = await connect(url, USERS[1]!.token);
    for (let i = 0; i < 4; i++) {
      client.send({ type: 'chat', message: i < 3 ? 'llm-fail now' : 'Where is order A-17?' });
      await client.waitFor(
        (f) => runFinished(f) && client.frames.filter(runFinished).length === i + 1,
      );
    }
    const fallbacks = client.frames.filter((f) => f.type === 'agent_completed');
    expect(fallbacks).toHaveLength(4);
    expect(fallbacks.every((f) => f.fallback === true && f.status === 'failed')).toBe(true);
    expect(String(fallbacks[3]?.final_response)).toContain('temporarily unavailable');
    client.socket.close();
  });
});

describe('chat server bad input', () => {
  it('refuses a missing or invalid token with an error frame and close code 4401, and keeps serving', async () => {
    const { url } = await start();
    const missing = await connect(url);
    expect(await missing.waitFor((f) => f.type === 'error')).toMatchObject({
      code: 'unauthorized',
    });
    expect((await missing.closed).code).toBe(4401);
    const invalid = await connect(url, 'not-a-token');
    expect(await invalid.waitFor((f) => f.type === 'error')).toMatchObject({
      code: 'unauthorized',
      message: 'invalid token',
    });
    expect((await invalid.closed).code).toBe(4401);
    const good = await connect(url, USERS[2]!.token);
    good.send({ type: 'chat', message: '2 + 2' });
    expect(await good.waitFor(runFinished)).toMatchObject({ status: 'completed' });
    good.socket.close();
  });

  it('answers malformed JSON, wrong shapes and oversized messages with error frames, keeping the connection', async () => {
    const { url } = await start();
    const client = await connect(url, USERS[3]!.token);
    client.send('{not json');
    expect(await client.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'bad_json' });
    client.send({ type: 'chat' });
    await client.waitFor((f) => f.code === 'bad_message');
    client.send({ type: 'chat', message: 'x'.repeat(20_000) });
    await client.waitFor((f) => f.code === 'message_too_large');
    client.send({ type: 'chat', message: '6 * 7' });
    const finished = await client.waitFor(runFinished);
    expect(finished).toMatchObject({ status: 'completed' });
    expect(
      String(client.frames.find((f) => f.type === 'agent_completed')?.final_response),
    ).toContain('42');
    client.socket.close();
  });

  it('answers the health check over HTTP', async () => {
    const { port } = await start();
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
