export { runReplication, DEFAULT_MAX_IN_FLIGHT } from "./replication/index.js";
export { runScenario } from "./run-scenario.js";
export { meshOfTask, planTasks, type RunPlan, type SkippedMesh } from "./plan/index.js";
export { dropInexpressibleMeshes } from "./plan/index.js";
export { executeTasks, defaultWorkerCount, destroyKeptPool, workerCount, DEFAULT_WORKER_MEMORY_MB, type ExecuteOptions, type KeptPool } from "./execute-tasks.js";
export { summarizeRun, monthlyCost } from "./summary/index.js";
export { round } from "./results/index.js";
export { TaskFailedError } from "./task-failed-error.js";
export {
  RESULTS_SCHEMA_VERSION,
  type HopSummary,
  type LatencySummary,
  type NodeSummary,
  type RequestCounts,
  type ResultsDocument,
  type ResultsMeta,
  type RunSummary,
  type ServiceGraph,
  type ServiceSignals,
  type TelemetrySummary,
  type TimelineEntry,
  type TimelineEvent,
  type TrafficSummary,
} from "./results/index.js";
export type { ReplicationTask, ReplicationResult } from "./replication/index.js";
export { runShard, mergeShards, shardRange, SHARD_KIND, type ShardDocument, type ShardSpec } from "./shards.js";
export { MAX_SHARD_COUNT, SHARD_PLACE_SCHEMA, SHARD_SCHEMA } from "./results/index.js";
export { checkShardSet, type ShardEntry } from "./shard-set.js";
export { checkPlanBounds, MAX_TASKS, MAX_EVENTS_PER_TASK, EVENTS_PER_CALL } from "./plan/index.js";
export { checkMeshSettings, prepareRun, scenarioProfile, type PreparedRun } from "./plan/index.js";
export { assembleRuns } from "./summary/index.js";
export { resultsDocument, createMeta, type RunOptions } from "./run-scenario.js";
export { CancelledError } from "./cancelled-error.js";
export { NotBuiltError } from "./not-built-error.js";
export { describeFailure, failedShare, failingRuns, runFailure, FAILING_SHARE_MARGIN, type FailureRun, type RunFailure } from "./results/index.js";
export { calibrationOf, type CalibrationEntry, type ProfileCalibration } from "./results/index.js";
export { planRun, changesOverTime, intervalOf, DEFAULT_PLAN_REPLICATIONS, DEFAULT_PLAN_SEED, type RunChoices } from "./plan/index.js";
export { RESULTS_SCHEMA } from "./results/index.js";
export { TRACE_EPOCH_MS } from "./replication/index.js";
export { tracePartFiles, type TraceOptions } from "./plan/index.js";
export type { TaskTraces } from "./replication/index.js";
export { summarizeTimeline, timelineWindowHistogram, timelineWindowPercentile } from "./summary/index.js";
export { DEFAULT_INTERVAL_S, MAX_TIMELINE_INTERVALS, TimelineRecorder, defaultIntervalS, intervalCount, type TimelineTotals } from "./replication/index.js";
/** Whether a scenario's load changes over time (the CLI reads it through runner/, which may see workload/). */
export { hasStages } from "../workload/index.js";
