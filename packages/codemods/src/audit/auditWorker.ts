// A worker process of `aet audit --jobs N`: audits the slice of files it is sent, in batches.
import { auditFileOnDisk } from './auditFileOnDisk.js';
import type { WorkerMessage, WorkerTask } from './auditWorkers.js';
import { AUDIT_RULES } from './rules/ruleSet.js';

const BATCH = 100;

process.once('message', (task: WorkerTask) => {
  void (async () => {
    let batch = [];
    for (const path of task.files) {
      batch.push(await auditFileOnDisk(task.root, path, AUDIT_RULES, task.config));
      if (batch.length === BATCH) {
        process.send?.({ results: batch } satisfies WorkerMessage);
        batch = [];
      }
    }
    process.send?.({ results: batch } satisfies WorkerMessage);
    process.send?.({ done: true } satisfies WorkerMessage);
  })();
});
