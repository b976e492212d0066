export { calibrationOf, type CalibrationEntry, type ProfileCalibration } from "./profile-calibration.js";
export { RESULTS_SCHEMA_VERSION, describeHost, type ClusterTrafficSummary, type HopSummary, type LatencySummary, type NodeSummary, type RequestCounts, type ResultsDocument, type ResultsMeta, type RunSummary, type ServiceGraph, type ServiceSignals, type TelemetrySummary, type TimelineEntry, type TimelineEvent, type TrafficSummary, type ZoneTrafficSummary } from "./results-document.js";
export { RESULTS_SCHEMA } from "./results-schema.js";
export { FAILING_SHARE_MARGIN, describeFailure, failedShare, failingRuns, runFailure, type FailureRun, type RunFailure } from "./run-failure.js";
export { MAX_SHARD_COUNT, SHARD_PLACE_SCHEMA, SHARD_SCHEMA } from "./shard-schema.js";
export { round } from "./round.js";
