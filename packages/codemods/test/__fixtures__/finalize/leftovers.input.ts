import { AgentStateTracker, getAgentStateTracker } from '@aet/legacy-shims';
import type { ExecutionStats } from '@aet/legacy-shims';

// Still on the legacy API: the earlier phases left markers here.
export const isLegacy = (value: unknown) => value instanceof AgentStateTracker;
