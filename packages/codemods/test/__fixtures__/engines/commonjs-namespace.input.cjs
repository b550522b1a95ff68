const legacy = require('@aet/legacy-shims/execution-tracker');

function report() {
  return legacy.getExecutionTracker().collectMetrics();
}

module.exports = { report };
