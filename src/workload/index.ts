export type { RequestSink, Workload } from "./workload.js";
export type { LoadSpec } from "./load-spec.js";
export { createRequestMix } from "./request-mix.js";
export { OpenLoop, type ConnectionWaits, type OpenLoopOptions } from "./open-loop.js";
export { ClosedLoop, type ClosedLoopOptions } from "./closed-loop.js";
export { DEFAULT_LOAD_GENERATOR_TOOL, LOAD_GENERATOR_TOOLS, LOAD_GENERATOR_TOOL_NAMES, type LoadGeneratorCost, type LoadGeneratorTool } from "./load-generator-tools.js";
export { createStagedInterarrival, hasStages, rateAt, stagesMeanRate, userSteps, type LoadStage, type UserStage } from "./load-stages.js";
export { DEFAULT_RESTART_DOWN_S, describeTimelineEvent, lostNodesLabel, sortTimeline, type NodeDownEvent, type OutageEvent, type RestartEvent, type RolloutEvent, type RotateCertificatesEvent, type TimelineEvent, type WeightsEvent } from "./timeline-event.js";
