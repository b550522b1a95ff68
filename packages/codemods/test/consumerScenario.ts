// Runs a consumer's scenario in this process and prints, as the last line of standard output,
// the critical events the process's tracker emitted: what the differential check compares before
// and after a migration. Usage: tsx --conditions=@aet/source consumerScenario.ts <scenario file>
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getExecutionTracker, type TrackerEvent } from '@aet/tracker-core';

/** What is compared of an event: its kind, its place in its execution, and whose it is. */
export interface ScenarioEvent {
  readonly type: TrackerEvent['type'];
  readonly seq: number;
  readonly userId: string;
  readonly agentName: string;
}

const [scenarioPath] = process.argv.slice(2);
if (scenarioPath === undefined) throw new Error('usage: consumerScenario.ts <scenario file>');
const events: ScenarioEvent[] = [];
getExecutionTracker().subscribe((event) => {
  if (event.critical)
    events.push({
      type: event.type,
      seq: event.seq,
      userId: event.userId,
      agentName: event.agentName,
    });
});
const scenario = (await import(pathToFileURL(resolve(scenarioPath)).href)) as {
  runScenario(): Promise<void>;
};
await scenario.runScenario();
process.stdout.write(`\n${JSON.stringify(events)}\n`);
process.exit(0);
