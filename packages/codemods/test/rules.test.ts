import { describe, expect, it } from 'vitest';
import { AetConfigSchema, AUDIT_RULES, auditSource } from '@aet/codemods';

const config = AetConfigSchema.parse({});
const audit = (path: string, source: string) => auditSource(path, source, AUDIT_RULES, config);
const ids = (path: string, source: string) => audit(path, source).findings.map((f) => f.ruleId);

describe('legacy import rules (AET001–AET003)', () => {
  it('flag named, aliased, namespace, type-only, default-entry and require imports', () => {
    expect(
      ids(
        'a.ts',
        "import { AgentStateTracker as Phases } from '@aet/legacy-shims/agent-state-tracker';",
      ),
    ).toEqual(['AET001']);
    expect(
      ids(
        'a.ts',
        "import type { AgentExecutionTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';",
      ),
    ).toEqual(['AET002']);
    expect(ids('a.ts', "import * as hb from '@aet/legacy-shims/execution-tracker';")).toEqual([
      'AET003',
    ]);
    expect(
      ids('a.ts', "import { getTimeoutManager, ExecutionTracker } from '@aet/legacy-shims';"),
    ).toEqual(['AET002', 'AET003']);
    expect(
      ids(
        'a.cjs',
        "const { getExecutionTracker } = require('@aet/legacy-shims/execution-tracker');",
      ),
    ).toEqual(['AET003']);
    expect(
      ids('a.ts', "export { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';"),
    ).toEqual(['AET001']);
    expect(ids('a.ts', "export * from '@aet/legacy-shims/execution-tracker';")).toEqual(['AET003']);
    expect(ids('a.ts', "const m = await import('@aet/legacy-shims/agent-state-tracker');")).toEqual(
      ['AET001'],
    );
  });

  it('flag local legacy modules by the end of their path', () => {
    expect(
      ids('src/x.ts', "import { AgentStateTracker } from '../agents/agent-state-tracker.js';"),
    ).toEqual(['AET001']);
    expect(
      ids(
        'src/x.ts',
        "import { AgentExecutionTimeoutManager } from './execution-timeout-manager';",
      ),
    ).toEqual(['AET002']);
  });

  it('do not flag comments, strings or look-alike modules', () => {
    expect(
      ids(
        'a.ts',
        '// AgentStateTracker from @aet/legacy-shims/agent-state-tracker is gone\nconst x = 1;',
      ),
    ).toEqual([]);
    expect(
      ids(
        'a.ts',
        'const note = \'import { AgentStateTracker } from "@aet/legacy-shims/agent-state-tracker"\';',
      ),
    ).toEqual([]);
    expect(ids('a.ts', "import { x } from 'my-execution-tracker-utils';")).toEqual([]);
    expect(ids('a.ts', "import { getExecutionTracker } from '@aet/tracker-core';")).toEqual([]);
  });

  it('report the line and column of each import', () => {
    const [finding] = audit(
      'a.ts',
      "\n\nimport { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';",
    ).findings;
    expect(finding).toMatchObject({
      ruleId: 'AET001',
      level: 'error',
      line: 3,
      column: 1,
      path: 'a.ts',
    });
  });
});

describe('direct construction (AET004)', () => {
  it('flags new AgentExecutionTracker and not the factories', () => {
    expect(ids('a.ts', 'const t = new AgentExecutionTracker({ heartbeatTimeout: 5 });')).toEqual([
      'AET004',
    ]);
    expect(ids('a.ts', 'const t = new core.AgentExecutionTracker();')).toEqual(['AET004']);
    expect(
      ids('a.ts', 'const t = AgentExecutionTracker.getInstance(); createExecutionTracker();'),
    ).toEqual([]);
  });
});

describe('manual execution ids (AET005)', () => {
  it('flags hand-minted ids stored as execution or run ids', () => {
    expect(
      ids('a.ts', "import { v4 as uuidv4 } from 'uuid'; const executionId = uuidv4();"),
    ).toEqual(['AET005']);
    expect(ids('a.ts', "import * as uuid from 'uuid'; const ctx = { runId: uuid.v4() };")).toEqual([
      'AET005',
    ]);
    expect(ids('a.ts', 'this.runId = crypto.randomUUID();')).toEqual(['AET005']);
    expect(ids('a.ts', 'const run_id = `run_${randomUUID()}`;')).toEqual(['AET005']);
    expect(ids('a.ts', 'const execId = `${agent}_${runId}_${Date.now()}`;')).toEqual(['AET005']);
  });

  it('does not flag UUIDs used for anything else', () => {
    expect(ids('a.tsx', "import { v4 } from 'uuid'; const item = <li key={v4()}>x</li>;")).toEqual(
      [],
    );
    expect(
      ids('a.ts', "import { v4 as uuidv4 } from 'uuid'; const correlationId = uuidv4();"),
    ).toEqual([]);
    expect(ids('a.ts', 'const cacheKey = `${user}_${Date.now()}`;')).toEqual([]);
    expect(ids('a.ts', 'log(randomUUID());')).toEqual([]);
  });
});

describe('follow-ups (warnings)', () => {
  it('flag duplicate state enums, hand-rolled timeouts, private state maps and TODO(aet) markers', () => {
    const result = audit(
      'engine.ts',
      [
        "enum RunState { PENDING = 'pending', RUNNING = 'running', COMPLETED = 'completed' }",
        "const Status = { RUNNING: 'r', FAILED: 'f', TIMEOUT: 't' } as const;",
        'class Engine {',
        '  private activeRuns = new Map<string, unknown>();',
        '  constructor() { this.executions = new Map(); }',
        '  run() { return Promise.race([work(), new Promise((_, r) => setTimeout(r, 10))]); }',
        '}',
        '// TODO(aet): pass the real user id',
      ].join('\n'),
    );
    expect(result.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual([
      'AET101:1',
      'AET101:2',
      'AET103:4',
      'AET103:5',
      'AET102:6',
      'AET190:8',
    ]);
    expect(result.findings.every((f) => f.level === 'warning')).toBe(true);
  });

  it('flag agent events sent straight to a legacy notifier, not the notifier calling itself', () => {
    const result = audit(
      'engine.ts',
      [
        'class Engine {',
        '  useTool(runId: string) {',
        "    void this.websocketManager.notifyToolCompleted(runId, 'triage', 'search', {});",
        "    deps.notifier?.notifyAgentError(runId, 'triage', 'boom', {});",
        '  }',
        '}',
        'class SocketNotifier {',
        "  notifyAgentError() { return this.notifyAgentCompleted('r', 'a', {}); }",
        '}',
      ].join('\n'),
    );
    expect(result.findings.map((f) => `${f.ruleId}:${f.line}:${f.message}`)).toEqual([
      'AET104:3:notifyToolCompleted(…) called directly: the tracker never sees this event',
      'AET104:4:notifyAgentError(…) called directly: the tracker never sees this event',
    ]);
  });

  it('leave ordinary maps, races and enums alone', () => {
    expect(
      ids(
        'a.ts',
        'const cache = new Map(); Promise.race([a(), b()]); enum Color { RED, GREEN, RUNNING }',
      ),
    ).toEqual([]);
  });
});

describe('the pre-filter and parse failures', () => {
  it('never parses a file in which no rule can match', () => {
    expect(audit('a.ts', 'export const x: number = (1 +')).toEqual({
      path: 'a.ts',
      status: 'clean',
      parsed: false,
      findings: [],
    });
  });

  it('reports a file that does not parse, with line and column', () => {
    const result = audit(
      'broken.ts',
      "import { AgentStateTracker } from '@aet/legacy-shims';\n\nconst = ;",
    );
    expect(result).toMatchObject({ status: 'failed', parsed: false, line: 3, column: 7 });
    expect(result.reason).toMatch(/^cannot parse: /);
  });

  it('parses TSX with the tsx parser and TS casts with the ts parser', () => {
    expect(
      audit(
        'a.tsx',
        "import { AgentStateTracker } from '@aet/legacy-shims';\nconst el = <div>{1}</div>;",
      ).status,
    ).toBe('matched');
    expect(
      audit(
        'a.ts',
        "import { AgentStateTracker } from '@aet/legacy-shims';\nconst n = <number>value;",
      ).status,
    ).toBe('matched');
  });
});
