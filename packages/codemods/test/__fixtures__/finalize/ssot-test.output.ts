// The AgentExecutionTracker SSOT audit as a test, written by `aet migrate --phase prepare`.
import { fileURLToPath } from 'node:url';
import { describeSsotCompliance } from '@aet/test-kit';

describeSsotCompliance(fileURLToPath(new URL('../', import.meta.url)));
