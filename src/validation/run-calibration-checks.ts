/**
 * Runs every calibration figure: the figure's harness under its mesh and under no mesh (same
 * seed, so the same arrivals and service times), then compares the measured figure with the
 * published one.
 */

import { assembleRuns, executeTasks, prepareRun, summarizeRun, type ExecuteOptions, type ReplicationTask, type RunPlan, type RunSummary } from "../runner/index.js";
import { loadScenario } from "../import/index.js";
import { loadMeshProfile, type Scenario } from "../scenario/index.js";
import { CALIBRATION_FIGURES, type CalibrationFigure, type FigureSetup } from "./calibration-figures.js";
import { compareFigure, type ValidationRow } from "./validation-row.js";

/** Seconds simulated per replication of a calibration run by default: enough for a stable p99 at 1000 rps. */
export const DEFAULT_CALIBRATION_DURATION_S = 30;
const DEFAULT_CALIBRATION_REPLICATIONS = 8;

export interface CalibrationCheckOptions extends ExecuteOptions {
  figures?: CalibrationFigure[];
  seed?: number;
  /** Simulated seconds per replication (the test suite runs shorter). */
  durationS?: number;
  replications?: number;
}

/** A figure's row with the figure as each replication alone measured it (empty for figures from the profile). */
export interface CalibrationMeasurement {
  figure: CalibrationFigure;
  row: ValidationRow;
  byReplication: number[];
}

/**
 * Simulates each distinct (setup, mesh) once, plus its baseline, and reports every figure.
 * @example (await runCalibrationChecks({ workers: 2 })).filter((row) => !row.pass)
 */
export async function runCalibrationChecks(options: CalibrationCheckOptions = {}): Promise<ValidationRow[]> {
  return (await measureCalibrationChecks(options)).map((measurement) => measurement.row);
}

/**
 * `runCalibrationChecks` with each figure per replication, from which its standard error can be
 * judged. Every run's tasks share one worker pool, started once.
 * @example (await measureCalibrationChecks({ durationS: 10 })).map((m) => m.byReplication)
 */
export async function measureCalibrationChecks(options: CalibrationCheckOptions = {}): Promise<CalibrationMeasurement[]> {
  const figures = options.figures ?? CALIBRATION_FIGURES;
  const keyOf = (setup: FigureSetup, mesh: string) => `${JSON.stringify(setup)}|${mesh}`;
  const needed = new Map<string, { setup: FigureSetup; mesh: string }>();
  for (const figure of figures.filter((f) => !f.fromProfile)) {
    for (const mesh of [figure.mesh, "none", ...(figure.reference ? [figure.reference] : [])]) needed.set(keyOf(figure.setup, mesh), { setup: figure.setup, mesh });
  }
  const prepared = [...needed].map(([key, { setup, mesh }]) => {
    const plan = planOf(setup, mesh, options);
    return { key, plan, tasks: prepareRun(plan).tasks };
  });
  const results = await executeTasks(prepared.flatMap((p) => p.tasks), { workers: options.workers, keptPool: options.keptPool });
  const runs = new Map<string, { merged: RunSummary; single: RunSummary[] }>();
  let first = 0;
  for (const { key, plan, tasks } of prepared) {
    const own = results.slice(first, first + tasks.length);
    first += tasks.length;
    runs.set(key, { merged: assembleRuns(plan, tasks, own)[0], single: own.map((result, i) => summarizeRun(identityOf(tasks[i]), [result])) });
  }
  return figures.map((figure) => {
    const what = { group: `calibration ${figure.id}`, check: `${figure.mesh}: ${figure.what}`, metric: figure.unit, basis: figure.id };
    const rowOf = (predicted: number) => ({ ...compareFigure(what, predicted, figure.published, figure.tolerancePct), ...(figure.knownMiss ? { knownMiss: figure.knownMiss } : {}) });
    if (figure.fromProfile) return { figure, row: rowOf(figure.fromProfile(loadMeshProfile(figure.mesh))), byReplication: [] };
    const meshRun = runs.get(keyOf(figure.setup, figure.mesh))!;
    const baseline = runs.get(keyOf(figure.setup, "none"))!;
    const reference = figure.reference ? runs.get(keyOf(figure.setup, figure.reference)) : undefined;
    return {
      figure,
      row: rowOf(figure.measure(meshRun.merged, baseline.merged, reference?.merged)),
      byReplication: meshRun.single.map((run, i) => figure.measure(run, baseline.single[i], reference?.single[i])),
    };
  });
}

// --- internal ---

function planOf(setup: FigureSetup, mesh: string, options: CalibrationCheckOptions): RunPlan {
  const scenario = withSetup(loadScenario(setup.scenario), setup);
  return {
    scenario,
    meshes: [mesh],
    // Each mesh in its default mode: the published figures were measured that way (IS6: mTLS).
    rates: [setup.ratePerSec ?? scenario.load.ratePerSec],
    durationS: options.durationS ?? DEFAULT_CALIBRATION_DURATION_S,
    warmupS: 1,
    replications: options.replications ?? DEFAULT_CALIBRATION_REPLICATIONS,
    seed: options.seed ?? 1,
  };
}

function identityOf(task: ReplicationTask) {
  return { mesh: task.meshId, mtls: task.mtls, rps: task.ratePerSec, durationS: task.durationS };
}

function withSetup(scenario: Scenario, setup: FigureSetup): Scenario {
  return { ...scenario, mesh: { ...scenario.mesh, l7: setup.l7 ?? scenario.mesh.l7 } };
}
