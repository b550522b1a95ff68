'use strict';
// Retries for the nightly job.
const { getTimeoutManager } = require('@aet/legacy-shims/execution-timeout-manager');

async function nightly(job) {
  return getTimeoutManager().executeWithRetry(job, 'nightly');
}

module.exports = { nightly };
