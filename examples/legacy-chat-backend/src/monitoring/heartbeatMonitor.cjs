// Health report of the legacy heartbeat tracker, for ops scripts:
//   node src/monitoring/heartbeatMonitor.cjs   (needs the packages built: npm run build)
'use strict';

const { getExecutionTracker } = require('@aet/legacy-shims/execution-tracker');

/** The health status of the module-level heartbeat tracker, flattened for logs. */
function healthReport() {
  const status = getExecutionTracker().getHealthStatus();
  return {
    healthy: status.healthy,
    active: status.activeExecutions,
    stuck: status.stuckExecutions,
    dead: status.deadExecutions,
  };
}

module.exports = { healthReport };

if (require.main === module) {
  process.stdout.write(`${JSON.stringify(healthReport())}\n`);
}
