import { AgentExecutionTracker } from './agentExecutionTracker.js';
import { constructionToken } from './constructionToken.js';
import { TrackerConfigError } from './errors.js';
import {
  parseTrackerConfig,
  type TrackerConfig,
  type TrackerConfigInput,
} from './trackerConfig.js';

let singleton: AgentExecutionTracker | undefined;
let singletonConfig: TrackerConfig | undefined;

/**
 * Configures the process singleton. Call it before the first {@link getExecutionTracker};
 * afterwards it throws {@link TrackerConfigError} (call {@link shutdownExecutionTracker} first).
 * The configuration is validated here, not at first use.
 */
export function configureExecutionTracker(config: TrackerConfigInput): void {
  if (singleton !== undefined) {
    throw new TrackerConfigError(
      'the execution tracker singleton is already in use; configure it before first use, ' +
        'or call shutdownExecutionTracker() first',
    );
  }
  singletonConfig = parseTrackerConfig(config);
}

/** The process singleton, created on first use with the configured (or default) settings. */
export function getExecutionTracker(): AgentExecutionTracker {
  singleton ??= new AgentExecutionTracker(
    constructionToken,
    singletonConfig ?? parseTrackerConfig({}),
  );
  return singleton;
}

/** An isolated tracker (tests, embedding); it shares nothing with the singleton. */
export function createExecutionTracker(config: TrackerConfigInput = {}): AgentExecutionTracker {
  return new AgentExecutionTracker(constructionToken, parseTrackerConfig(config));
}

/** Disposes the singleton, flushing its store; the next {@link getExecutionTracker} makes a new one. */
export async function shutdownExecutionTracker(): Promise<void> {
  const current = singleton;
  singleton = undefined;
  singletonConfig = undefined;
  await current?.dispose();
}
