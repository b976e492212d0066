export { runSweep, type SweepPlan, type SweepOptions, type SweepPoint } from "./run-sweep.js";
export { parseSlo, meetsSlo, sloStatisticLabel, SLO_STATISTICS, type Slo, type SloStatistic } from "./slo.js";
export { parseLoadPoints, MAX_RANGE_POINTS, type LoadPoints } from "./load-points.js";
export { parseSetting, setParameter, describeParameters, type ParameterSetting } from "./set-parameter.js";
export { sloBracket, refineBracket, REFINE_STEPS_PER_STEP, type LoadOutcome, type SloBracket } from "./capacity-search.js";
export { loadScenarioVariants, type ScenarioVariant } from "./scenario-variants.js";
export type { SweepDocument, SweepRun, SweepInfo, SloCapacity, OverloadedPoint, ParameterValue } from "./sweep-document.js";
export { runSweepShard, mergeSweepShards, isSweepShard, shardUnits, SWEEP_SHARD_KIND, type SweepShardDocument } from "./sweep-shards.js";
export { SWEEP_SHARD_SCHEMA } from "./sweep-shard-schema.js";
