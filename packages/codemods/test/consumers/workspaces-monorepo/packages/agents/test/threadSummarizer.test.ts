import { describe, expect, it } from 'vitest';
import { ChatService, LocalRulesModel, SummaryCancelledError, type ChatMessage } from '../src/index.js';

const conversation: ChatMessage[] = Array.from({ length: 10 }, (_, i) => ({
  role: i % 2 === 0 ? 'user' : 'assistant',
  content: `message number ${i + 1} about the late parcel and the refund`,
}));

describe('ThreadSummarizer', () => {
  it('summarizes a long thread in the background and records the job', async () => {
    const service = new ChatService({ llm: new LocalRulesModel(1) });
    await service.start();

    const summary = await service.summarizer.summarize('user-4821', 'thread-s1', conversation);

    expect(summary.length).toBeGreaterThan(0);
    expect(summary.length).toBeLessThanOrEqual(280);
    expect(summary).toContain('message number 1');
    expect(service.getDiagnostics().backgroundJobs).toMatchObject({ active: 0, failed: 0, stuck: 0 });
    expect(service.metricsSnapshot().acme_executions_total).toBeGreaterThanOrEqual(1);
  });

  it('stops a summary when its thread is deleted', async () => {
    const service = new ChatService({ llm: new LocalRulesModel(20) });
    await service.start();

    const pending = service.summarizer.summarize('u_alice', 'thread-s2', conversation);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await service.summarizer.cancel('thread-s2')).toBe(true);

    await expect(pending).rejects.toBeInstanceOf(SummaryCancelledError);
    expect(await service.summarizer.cancel('thread-s2')).toBe(false);
    expect(service.getDiagnostics().backgroundJobs.active).toBe(0);
  });
});
