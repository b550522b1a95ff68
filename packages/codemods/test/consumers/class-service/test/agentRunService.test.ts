import { describe, expect, it } from 'vitest';
import { sleep } from '../src/util/text.js';
import { framesOf, makeBackend, ScriptedLlm, slowWarehouse } from './helpers.js';

describe('AgentRunService', () => {
  it('answers a support question and streams the run to the asking user only', async () => {
    const llm = new ScriptedLlm();
    const { service, sent } = await makeBackend({ llm });

    const outcome = await service.handleMessage({
      userId: 'u_alice',
      threadId: 'thread_a1f3',
      message: 'Where can I download my invoice?',
    });

    expect(outcome).toMatchObject({ status: 'completed', agent: 'support_agent', fallback: false });
    expect(outcome.reply).toBe('Go to Settings > Billing.');
    expect(outcome.runId).toMatch(/^run_thread_a1f3_\d+_[0-9a-f]{8}$/);
    expect(llm.prompts[0]).toContain('Downloading invoices');

    const types = framesOf(sent, outcome.runId);
    expect(types[0]).toBe('agent_started');
    expect(types).toContain('tool_executing');
    expect(types.indexOf('tool_completed')).toBeGreaterThan(types.indexOf('tool_executing'));
    expect(types.at(-1)).toBe('agent_completed');
    expect(new Set(sent.map((s) => s.userId))).toEqual(new Set(['u_alice']));
    expect(service.activeRuns()).toEqual([]);
  });

  it('gives up on a slow report with a fallback reply and tells the user why', async () => {
    const { service, sent } = await makeBackend({
      warehouse: slowWarehouse(400),
      config: { agentTimeoutSeconds: 0.1 },
    });

    const outcome = await service.handleMessage({
      userId: 'user-4821',
      threadId: 'thread_r77',
      message: 'usage for last month',
      agent: 'report_agent',
    });

    expect(outcome.status).toBe('timeout');
    expect(outcome.fallback).toBe(true);
    expect(outcome.reply).toMatch(/temporarily unavailable/);
    const frames = sent.filter((s) => s.frame.runId === outcome.runId).map((s) => s.frame);
    expect(frames.some((f) => f.type === 'agent_error' && /timed out/.test(String(f.payload.error_message)))).toBe(true);
    expect(frames.at(-1)?.type).toBe('agent_completed');
    expect(frames.at(-1)?.payload.result).toMatchObject({ fallback: true });
    expect(service.activeRuns('user-4821')).toEqual([]);
    expect(service.health().agents.timeoutSeconds).toBe(0.1);
  });

  it('returns a fallback when the LLM errors and counts the run as failed', async () => {
    const llm = new ScriptedLlm(async () => {
      throw new Error('upstream returned 503');
    });
    const { service } = await makeBackend({ llm });

    const outcome = await service.handleMessage({ userId: 'u_carol', threadId: 'thread_c2', message: 'billing question' });

    expect(outcome.status).toBe('failed');
    expect(outcome.fallback).toBe(true);
    expect(service.health().runs).toEqual({ active: 0, finished: 1, successRatePct: 0 });
  });

  it('rejects an empty message without calling the LLM', async () => {
    const llm = new ScriptedLlm();
    const { service } = await makeBackend({ llm });

    const outcome = await service.handleMessage({ userId: 'u_dave', threadId: 'thread_d9', message: '   ' });

    expect(outcome).toMatchObject({ status: 'rejected', reply: 'message is empty', fallback: false });
    expect(llm.prompts).toHaveLength(0);
  });

  it('reports the phase of a run in flight, and can cancel its watchdog', async () => {
    let release!: (answer: string) => void;
    const llm = new ScriptedLlm(() => new Promise<string>((resolve) => (release = resolve)));
    const { service } = await makeBackend({ llm, config: { agentTimeoutSeconds: 5 } });

    const pending = service.handleMessage({ userId: 'u_bob', threadId: 'thread_b42', message: 'how do refunds work?' });
    while (llm.prompts.length === 0) await sleep(5);
    await sleep(20);

    const [active] = service.activeRuns('u_bob');
    expect(active).toMatchObject({ userId: 'u_bob', agent: 'support_agent', phase: 'llm_interaction' });
    expect(service.activeRuns('u_alice')).toEqual([]);
    expect(service.stuckRuns(10)).toEqual([active!.runId]);
    expect(await service.cancelRun(active!.runId)).toBe(true);
    expect(await service.cancelRun('run_thread_b42_1_deadbeef')).toBe(false);

    release('Refunds take 5 business days.');
    const outcome = await pending;
    expect(outcome.runId).toBe(active!.runId);
    expect(outcome.status).toBe('completed');
    expect(service.activeRuns()).toEqual([]);
  });

  it('retries a flaky knowledge-base search', async () => {
    let calls = 0;
    const { service, sent } = await makeBackend({
      knowledgeBase: {
        search: async () => {
          calls++;
          if (calls === 1) throw new Error('ECONNRESET');
          return ['Billing settings'];
        },
      },
    });

    const outcome = await service.handleMessage({ userId: 'u_erin', threadId: 'thread_e5', message: 'change billing email' });

    expect(outcome.status).toBe('completed');
    expect(calls).toBe(2);
    expect(framesOf(sent, outcome.runId).filter((t) => t === 'tool_completed')).toHaveLength(1);
  });

  it('answers slash commands and counts them as runs', async () => {
    const { service } = await makeBackend();

    await expect(service.runCommand('u_alice', 'thread_a1f3', '/ping')).resolves.toBe('pong');
    await expect(service.runCommand('u_alice', 'thread_a1f3', '/frobnicate')).rejects.toThrow(/unknown command/);

    expect(service.health().runs).toEqual({ active: 0, finished: 2, successRatePct: 50 });
  });

  it('flags a run the watchdog gave up on, while still delivering the answer', async () => {
    const { service, sent } = await makeBackend({
      warehouse: slowWarehouse(300),
      config: { runWatchdogSeconds: 0.1, agentTimeoutSeconds: 2 },
    });

    const outcome = await service.handleMessage({
      userId: 'user-7730',
      threadId: 'thread_w1',
      message: 'my usage',
      agent: 'report_agent',
    });

    expect(outcome.status).toBe('completed');
    expect(service.lostRuns).toEqual([outcome.runId]);
    expect(
      sent.some(
        (s) => s.userId === 'user-7730' && s.frame.type === 'agent_error' && /longer than expected/.test(String(s.frame.payload.error_message)),
      ),
    ).toBe(true);
  });
});
