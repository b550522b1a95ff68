import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createJobBoard, runJob } from '../src/jobs.js';
import { firstSentence, formatRunId, slugify, truncate } from '../src/strings.js';

describe('utilities', () => {
  it('formats strings and reads config from the environment', () => {
    expect(slugify('  Crème Brûlée Recipes! ')).toBe('creme-brulee-recipes');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(firstSentence('Done.  Anything else?')).toBe('Done.');
    expect(formatRunId('Thread Alice', 7)).toBe('run_thread_alice_0007');

    const config = loadConfig({ CHAT_TRIAGE_TIMEOUT_MS: '900', CHAT_RETRY_ATTEMPTS: '0' });
    expect(config.agentTimeoutMs.triage).toBe(900);
    expect(config.retry.attempts).toBe(0);
    expect(config.agentTimeoutMs.report).toBe(5_000);
    expect(() => loadConfig({ CHAT_LLM_TIMEOUT_MS: 'soon' })).toThrow(/CHAT_LLM_TIMEOUT_MS/);
  });

  it('runs jobs with their own uuid ids and records outcomes', async () => {
    const board = createJobBoard();
    const ok = await runJob(board, 'transcript_export', 'u_alice', async () => ({ bytes: 42 }));
    const bad = await runJob(board, 'attachment_scan', 'u_alice', async () => {
      throw new Error('scanner unavailable');
    });

    expect(ok).toMatch(/^[0-9a-f-]{36}$/);
    expect(board.get(ok)).toMatchObject({ status: 'done', result: { bytes: 42 } });
    expect(board.get(bad)).toMatchObject({ status: 'failed', error: 'scanner unavailable' });
    expect(board.heartbeat(ok)).toBe(false);
    expect(board.list('u_alice')).toHaveLength(2);
  });
});
