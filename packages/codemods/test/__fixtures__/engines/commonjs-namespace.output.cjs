const {
  getExecutionTracker
} = require('@aet/tracker-core');

function report() {
  return getExecutionTracker().getMetrics();
}

module.exports = { report };
