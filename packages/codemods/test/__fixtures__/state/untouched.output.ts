// Mentions AgentStateTracker and '@aet/legacy-shims' only in comments and strings.
import { getExecutionTracker } from '@aet/tracker-core';

export const note = 'we used to import AgentStateTracker from @aet/legacy-shims';
export const tracker   =   getExecutionTracker( ); // odd spacing stays
