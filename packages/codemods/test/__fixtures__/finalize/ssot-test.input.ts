// The AgentExecutionTracker SSOT audit as a test, written by `aet migrate --phase prepare`.
import { fileURLToPath } from 'node:url';
import { describeSsotCompliance } from '@aet/test-kit';

// Ratchet until `aet migrate --phase finalize`: fails only on violations aet-baseline.json does not list.
describeSsotCompliance(fileURLToPath(new URL('../', import.meta.url)), {
  baseline: fileURLToPath(new URL('../aet-baseline.json', import.meta.url)),
});
