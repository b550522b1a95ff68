// The app's tracking barrel.
export { AgentExecutionPhase } from '@aet/tracker-core';
