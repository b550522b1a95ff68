export { ExecutionState } from './executionState.js';
export { JobTimeoutError, withTimeout } from './withTimeout.js';
export { JobTracker, getJobTracker, type JobRun } from './jobTracker.js';
export { JobQueue, type JobHandler, type JobOutcome, type QueuedJob } from './jobQueue.js';
