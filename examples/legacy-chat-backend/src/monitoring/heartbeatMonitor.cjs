// Health report of the legacy heartbeat tracker, for ops scripts:
//   node src/monitoring/heartbeatMonitor.cjs   (needs the packages built: npm run build)
'use strict';

const { getExecutionTracker } = require('@aet/legacy-shims/execution-tracker');

/** The module-level heartbeat tracker's counts, flattened for logs. */
function healthReport() {
  const metrics = getExecutionTracker().collectMetrics();
  return {
    active: metrics.activeExecutions,
    dead: metrics.deadExecutions,
    timedOut: metrics.timeoutExecutions,
  };
}

module.exports = { healthReport };

if (require.main === module) {
  process.stdout.write(`${JSON.stringify(healthReport())}\n`);
}
