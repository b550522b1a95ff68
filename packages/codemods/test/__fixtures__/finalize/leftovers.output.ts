import { AgentStateTracker } from '@aet/legacy-shims';

// Still on the legacy API: the earlier phases left markers here.
// TODO(aet): AgentStateTracker is still the legacy AgentStateTracker here: no safe rewrite; move this code to the tracker by hand
export const isLegacy = (value: unknown) => value instanceof AgentStateTracker;
