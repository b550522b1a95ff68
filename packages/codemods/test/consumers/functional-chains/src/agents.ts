// The agents themselves: plain async functions over an AgentContext the engine provides.
import { setTimeout as sleep } from 'node:timers/promises';
import type { AgentKind } from './config.js';
import type { UserContext } from './deps.js';
import { truncate } from './strings.js';

export interface AgentContext {
  readonly userId: string;
  readonly text: string;
  readonly user: UserContext;
  readonly signal: AbortSignal;
  think(reasoning?: string): Promise<unknown>;
  ask(prompt: string): Promise<string>;
  useTool<T>(name: string, parameters: Record<string, unknown>, run: () => Promise<T>): Promise<T>;
}

export type Agent = (ctx: AgentContext) => Promise<string>;

const billingAccounts = new Map([['u_alice', { balanceCents: 1_250 }], ['u_bob', { balanceCents: 0 }]]);

const searchWeb = (query: string, signal: AbortSignal) =>
  sleep(10, [`${query} — overview`, `${query} — latest news`], { signal });

const triage: Agent = (ctx) =>
  ctx.think('classifying request').then(() => ctx.ask(`Classify and answer briefly: ${ctx.text}`));

const research: Agent = (ctx) =>
  ctx
    .think('planning search')
    .then(() => ctx.useTool('web_search', { query: truncate(ctx.text, 80) }, () => searchWeb(ctx.text, ctx.signal)))
    .then((hits) => ctx.ask(`Summarise for ${ctx.user.displayName}: ${hits.join('; ')}`));

const billing: Agent = (ctx) =>
  ctx
    .think()
    .then(() =>
      ctx.useTool('billing_api', { userId: ctx.userId }, async () => {
        const account = billingAccounts.get(ctx.userId);
        if (account === undefined) throw new Error(`billing: no account for ${ctx.userId}`);
        return account;
      }),
    )
    .then((account) => ctx.ask(`Explain a balance of ${account.balanceCents} cents`));

// Reports crunch a lot of data: the slow one.
const report: Agent = (ctx) =>
  ctx
    .think('collecting usage data')
    .then(() => ctx.useTool('usage_export', { range: '30d' }, () => sleep(600, 'rows', { signal: ctx.signal })))
    .then(() => ctx.ask(`Write a usage report for ${ctx.user.displayName}`));

export const agents: Readonly<Record<AgentKind, Agent>> = { triage, research, billing, report };
