/**
 * meshsim as a library (`import { loadScenario, planRun, runScenario } from "meshsim"`): load a
 * scenario, run it under the meshes, and read, report, check or export the results document, as
 * the CLI does. Only re-exports; each part lives in its folder.
 */

export { loadScenario, parseScenario, type LoadOptions, type ParseOptions } from "./import/index.js";
export {
  DURATION_EXAMPLES,
  describeMeshes,
  loadMeshProfile,
  meshIds,
  parseDuration,
  resolveMeshIds,
  SCENARIO_SCHEMA,
  ScenarioError,
  type MeshDescription,
  type Scenario,
} from "./scenario/index.js";
export {
  calibrationOf,
  CancelledError,
  describeFailure,
  dropInexpressibleMeshes,
  failingRuns,
  mergeShards,
  planRun,
  RESULTS_SCHEMA,
  RESULTS_SCHEMA_VERSION,
  runFailure,
  runScenario,
  runShard,
  TaskFailedError,
  type LatencySummary,
  type ProfileCalibration,
  type ResultsDocument,
  type RunChoices,
  type RunFailure,
  type RunOptions,
  type RunPlan,
  type RunSummary,
  type ShardDocument,
  type ShardSpec,
} from "./runner/index.js";
export { OverloadError, UnsupportedSettingError, type MtlsMode } from "./mesh/index.js";
export { loadScenarioVariants, parseLoadPoints, parseSlo, runSweep, type SweepDocument, type SweepPlan } from "./sweep/index.js";
export { decisionSummary, renderComparisonTable, renderDecisionSummary, reportCharts, writeReport, type ReportDocument } from "./report/index.js";
export { parseThreshold, renderHdrLog, renderPercentileSpectrum, runCheck, toFortioResult, toHdrHistogram, toSmpDocument } from "./check/index.js";
export { LatencyHistogram, type LatencyHistogramJson } from "./stats/index.js";
