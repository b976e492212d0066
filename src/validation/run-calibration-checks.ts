/**
 * Runs every calibration figure: the figure's harness under its mesh and under no mesh (same
 * seed, so the same arrivals and service times), then compares the measured figure with the
 * published one.
 */

import { runScenario, type ExecuteOptions, type RunSummary } from "../runner/index.js";
import { loadScenario } from "../import/index.js";
import { loadMeshProfile, type Scenario } from "../scenario/index.js";
import { CALIBRATION_FIGURES, type CalibrationFigure, type FigureSetup } from "./calibration-figures.js";
import { compareFigure, type ValidationRow } from "./validation-row.js";

/** Seconds simulated per replication of a calibration run: enough for a stable p99 at 1000 rps. */
const CALIBRATION_DURATION_S = 30;
const CALIBRATION_REPLICATIONS = 8;

/**
 * Simulates each distinct (setup, mesh) once, plus its baseline, and reports every figure.
 * @example (await runCalibrationChecks({ workers: 2 })).filter((row) => !row.pass)
 */
export async function runCalibrationChecks(options: ExecuteOptions & { figures?: CalibrationFigure[]; seed?: number } = {}): Promise<ValidationRow[]> {
  const figures = options.figures ?? CALIBRATION_FIGURES;
  const runs = new Map<string, Promise<RunSummary>>();
  const runOf = (setup: FigureSetup, mesh: string): Promise<RunSummary> => {
    const key = `${JSON.stringify(setup)}|${mesh}`;
    if (!runs.has(key)) runs.set(key, simulate(setup, mesh, options));
    return runs.get(key)!;
  };
  const rows: ValidationRow[] = [];
  // Sequential on purpose: each run already uses every worker.
  for (const figure of figures) {
    const predicted = figure.fromProfile ? figure.fromProfile(loadMeshProfile(figure.mesh)) : await measureByRunning(figure, runOf);
    const what = { group: `calibration ${figure.id}`, check: `${figure.mesh}: ${figure.what}`, metric: figure.unit, basis: figure.id };
    rows.push(compareFigure(what, predicted, figure.published, figure.tolerancePct));
  }
  return rows;
}

// --- internal ---

async function measureByRunning(figure: CalibrationFigure, runOf: (setup: FigureSetup, mesh: string) => Promise<RunSummary>): Promise<number> {
  const meshRun = await runOf(figure.setup, figure.mesh);
  const baseline = await runOf(figure.setup, "none");
  const reference = figure.reference ? await runOf(figure.setup, figure.reference) : undefined;
  return figure.measure(meshRun, baseline, reference);
}

async function simulate(setup: FigureSetup, mesh: string, options: ExecuteOptions & { seed?: number }): Promise<RunSummary> {
  const scenario = withSetup(loadScenario(setup.scenario), setup);
  const document = await runScenario(
    {
      scenario,
      meshes: [mesh],
      // Each mesh in its default mode: the published figures were measured that way (IS6: mTLS).
      rates: [setup.ratePerSec ?? scenario.load.ratePerSec],
      durationS: CALIBRATION_DURATION_S,
      warmupS: 1,
      replications: CALIBRATION_REPLICATIONS,
      seed: options.seed ?? 1,
    },
    { workers: options.workers },
  );
  return document.runs[0];
}

function withSetup(scenario: Scenario, setup: FigureSetup): Scenario {
  return { ...scenario, mesh: { ...scenario.mesh, l7: setup.l7 ?? scenario.mesh.l7 } };
}
