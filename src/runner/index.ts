export { runReplication, DEFAULT_MAX_IN_FLIGHT } from "./run-replication.js";
export { runScenario } from "./run-scenario.js";
export { planTasks, type RunPlan } from "./plan-tasks.js";
export { executeTasks, defaultWorkerCount, type ExecuteOptions } from "./execute-tasks.js";
export { summarizeRun, monthlyCost, round, type RunSummary, type LatencySummary, type HopSummary } from "./summarize-run.js";
export { TaskFailedError } from "./task-failed-error.js";
export { RESULTS_SCHEMA_VERSION, type ResultsDocument } from "./results-document.js";
export type { ReplicationTask, ReplicationResult } from "./replication-task.js";
