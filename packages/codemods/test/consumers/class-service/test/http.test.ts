import { describe, expect, it } from 'vitest';
import { makeBackend } from './helpers.js';

describe('ChatController', () => {
  it('serves a chat message and tags the response with a request id', async () => {
    const { http } = await makeBackend();

    const res = await http.handle({
      method: 'POST',
      path: '/v1/messages',
      headers: {},
      body: { userId: 'u_alice', threadId: 'thread_h1', message: 'invoice copy please' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', agent: 'support_agent' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const echoed = await http.handle({
      method: 'POST',
      path: '/v1/messages',
      headers: { 'x-request-id': 'edge-7f3a91' },
      body: { userId: 'u_alice', threadId: 'thread_h1', message: '/help' },
    });
    expect(echoed.headers['x-request-id']).toBe('edge-7f3a91');
    expect(echoed.body).toEqual({ reply: expect.stringContaining('/report') });

    const health = await http.handle({ method: 'GET', path: '/healthz', headers: {} });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', llm: { breaker: 'closed' } });
  });

  it('maps bad input and unknown agents to 4xx', async () => {
    const { http } = await makeBackend();

    const bad = await http.handle({ method: 'POST', path: '/v1/messages', headers: {}, body: { userId: 'u_alice' } });
    expect(bad.status).toBe(400);

    const unknown = await http.handle({
      method: 'POST',
      path: '/v1/messages',
      headers: {},
      body: { userId: 'u_alice', threadId: 'thread_h2', message: 'hi', agent: 'sales_agent' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: 'no agent named sales_agent' });
  });
});
