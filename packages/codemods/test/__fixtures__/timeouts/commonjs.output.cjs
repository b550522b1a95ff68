'use strict';
// Retries for the nightly job.
const {
  getExecutionTracker
} = require('@aet/tracker-core');

async function nightly(job) {
  return getExecutionTracker().executeWithRetry(() => job(), {
    operation: 'nightly'
  });
}

module.exports = { nightly };
