export { EVENTS_PER_CALL, MAX_EVENTS_PER_TASK, MAX_TASKS, checkPlanBounds } from "./plan-bounds.js";
export { DEFAULT_PLAN_REPLICATIONS, DEFAULT_PLAN_SEED, changesOverTime, intervalOf, planRun, type RunChoices } from "./plan-run.js";
export { meshOfTask, planTasks, type RunPlan, type SkippedMesh } from "./plan-tasks.js";
export { checkMeshSettings, prepareRun, scenarioProfile, type PreparedRun } from "./prepare-run.js";
export { dropInexpressibleMeshes } from "./select-meshes.js";
export { tracePartFiles, withTraces, type TraceOptions } from "./trace-parts.js";
