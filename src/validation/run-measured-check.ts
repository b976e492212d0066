/**
 * Measured vs predicted: simulates the scenario that matches a real measurement, under the
 * measured mesh and at the measured rate (replayRate), and reports the prediction's error for
 * every latency percentile the measurement has (any percentile: the replications' histograms
 * are merged, not read from the summary) and for CPU and memory where the measurement has them.
 */

import { assembleRuns, executeTasks, prepareRun, type ExecuteOptions, type RunPlan, type RunSummary } from "../runner/index.js";
import type { MtlsMode } from "../mesh/index.js";
import { ScenarioError, type Scenario } from "../scenario/index.js";
import { LatencyHistogram } from "../stats/index.js";
import { percentileName, replayRate, type Measurement } from "./measurement.js";
import { compareFigure, type ValidationRow } from "./validation-row.js";

export interface MeasuredCheckOptions extends ExecuteOptions {
  scenario: Scenario;
  /** The mesh the measurement was taken under. */
  mesh: string;
  mtls?: MtlsMode;
  /** Default: the scenario's load.durationS and load.warmupS. */
  durationS?: number;
  warmupS?: number;
  replications?: number;
  seed?: number;
  /** Largest error allowed, percent; undefined: report the errors without a target. */
  maxErrorPct?: number;
}

export interface MeasuredCheck {
  /** The rate simulated (replayRate: the requested rate when the generator kept pace, else the achieved one). */
  rps: number;
  run: RunSummary;
  rows: ValidationRow[];
}

/** Replications when none are asked for, as `meshsim run`'s default. */
export const DEFAULT_MEASURED_REPLICATIONS = 4;

/**
 * Simulates and compares.
 * @throws ScenarioError when the scenario's load is closed-loop (a measurement is replayed at its rate)
 * @throws OverloadError when the scenario cannot carry the measured rate
 * @example (await runMeasuredCheck(readMeasurement("fortio.json"), { scenario, mesh: "istio" })).rows
 */
export async function runMeasuredCheck(measurement: Measurement, options: MeasuredCheckOptions): Promise<MeasuredCheck> {
  const { scenario } = options;
  if (scenario.load.type !== "open") {
    throw new ScenarioError(scenario.file, "load.type", "must be open to replay a measurement at its rate (the measured QPS becomes load.ratePerSec)");
  }
  const rps = replayRate(measurement);
  const plan: RunPlan = {
    scenario,
    meshes: [options.mesh],
    mtls: options.mtls,
    rates: [rps],
    durationS: options.durationS ?? scenario.load.durationS,
    warmupS: options.warmupS ?? scenario.load.warmupS,
    replications: options.replications ?? DEFAULT_MEASURED_REPLICATIONS,
    seed: options.seed ?? 1,
  };
  const { tasks } = prepareRun(plan);
  const results = await executeTasks(tasks, options);
  const run = assembleRuns(plan, tasks, results)[0];
  const latency = new LatencyHistogram();
  for (const result of results) latency.merge(LatencyHistogram.fromJSON(result.latency));

  const tolerancePct = options.maxErrorPct ?? Number.POSITIVE_INFINITY;
  const group = `measured (${measurement.format})`;
  const check = `${options.mesh} @ ${rps} rps`;
  const rows: ValidationRow[] = [];
  const add = (metric: string, predicted: number, measured: number | undefined) => {
    // A relative error needs a measured figure above zero (a mesh without proxies measures 0 vCPU).
    if (measured === undefined || !(measured > 0)) return;
    rows.push(compareFigure({ group, check, metric, basis: measurement.file }, predicted, measured, tolerancePct));
  };
  for (const { percentile, valueMs } of measurement.percentiles) add(`${percentileName(percentile)} ms`, latency.valueAtPercentile(percentile), valueMs);
  add("mean ms", run.latencyMs.mean, measurement.meanMs);
  add("data plane vCPU", run.resources.dataPlane.vcpu, measurement.dataPlane?.vcpu);
  add("data plane MB", run.resources.dataPlane.memoryMb, measurement.dataPlane?.memoryMb);
  add("control plane vCPU", run.resources.controlPlane.vcpu, measurement.controlPlane?.vcpu);
  add("control plane MB", run.resources.controlPlane.memoryMb, measurement.controlPlane?.memoryMb);
  return { rps, run, rows };
}
