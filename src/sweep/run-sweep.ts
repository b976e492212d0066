/**
 * Runs a sweep: every mesh at every load point (and every `--set` variant), treating a load the
 * system cannot keep up with as a failed point rather than an error; then, with an SLO, the
 * highest load each mesh sustains within it, refined by bisection for a range of loads.
 */

import { OverloadError } from "../mesh/index.js";
import {
  createMeta,
  dropInexpressibleMeshes,
  failingRuns,
  runFailure,
  RESULTS_SCHEMA_VERSION,
  runScenario,
  TaskFailedError,
  type RunOptions,
  type ProfileCalibration,
  type RunPlan,
  type RunSummary,
} from "../runner/index.js";
import type { MtlsMode } from "../mesh/index.js";
import { refineBracket, REFINE_STEPS_PER_STEP, sloBracket, type LoadOutcome } from "./capacity-search.js";
import type { LoadPoints } from "./load-points.js";
import type { ScenarioVariant } from "./scenario-variants.js";
import type { ParameterSetting } from "./set-parameter.js";
import { meetsSlo, type Slo } from "./slo.js";
import type { OverloadedPoint, ParameterValue, SkippedSweepMesh, SloCapacity, SweepDocument, SweepRun } from "./sweep-document.js";

export interface SweepPlan {
  /** The scenario once per combination of --set values (once without --set). */
  variants: ScenarioVariant[];
  settings: ParameterSetting[];
  meshes: string[];
  mtls?: MtlsMode;
  /** Loads to run; undefined runs each variant at its own `load.ratePerSec`. */
  loadPoints?: LoadPoints;
  /** Measured seconds per run; undefined uses each variant's `load.durationS`. */
  durationS?: number;
  warmupS?: number;
  replications: number;
  seed: number;
  slo?: Slo;
  /**
   * The meshes are "all" (`--mesh all`): in each variant, a mesh that cannot express its
   * settings is left out with the reason instead of stopping the sweep.
   */
  skipInexpressible?: boolean;
}

/** One simulated (or refused) point, reported as the sweep goes. */
export interface SweepPoint {
  mesh: string;
  rps: number;
  parameters?: Record<string, ParameterValue>;
  /** The run, or undefined when the point was overloaded. */
  run?: RunSummary;
  /** With an SLO: whether the point met it (an overloaded point does not). */
  passes?: boolean;
  /** Part of the bisection rather than of the asked load points. */
  refining: boolean;
  /** The run fails requests (runner's runFailure), so its latency is only of what it served. */
  failing?: boolean;
}

export interface SweepOptions extends RunOptions {
  onPoint?: (point: SweepPoint) => void;
}

/**
 * Runs the sweep and returns its document. Points run one load at a time (all meshes together),
 * so a system overloaded at one load is skipped at every higher one.
 * @throws TaskFailedError for a failure other than overload; CancelledError when cancelled
 * @example await runSweep({ variants, settings: [], meshes: ["none"], loadPoints: parseLoadPoints("100,200"), replications: 2, seed: 1 })
 */
export async function runSweep(plan: SweepPlan, options: SweepOptions = {}): Promise<SweepDocument> {
  const started = options.wallClock?.() ?? 0;
  const runs: SweepRun[] = [];
  const overloaded: OverloadedPoint[] = [];
  const capacity: SloCapacity[] = [];
  const skippedMeshes: SkippedSweepMesh[] = [];
  const pointOptions: PointOptions = { ...options, pool: { workers: 0 }, calibration: {} };
  const range = plan.loadPoints?.range;
  // Ascending, whatever order a list gave: a load that overloads ends the climb for its mesh.
  const rates = plan.loadPoints ? [...plan.loadPoints.rates].sort((a, b) => a - b) : undefined;
  const resolutionRps = plan.slo && range ? range.step / REFINE_STEPS_PER_STEP : undefined;

  for (const variant of plan.variants) {
    const selected = plan.skipInexpressible ? dropInexpressibleMeshes(runPlan(plan, variant, plan.meshes, variant.scenario.load.ratePerSec)) : undefined;
    const meshes = selected?.meshes ?? plan.meshes;
    for (const skipped of selected?.skippedMeshes ?? []) skippedMeshes.push(withParameters(skipped, variant.parameters));
    const outcomes = new Map<string, LoadOutcome[]>(meshes.map((mesh) => [mesh, []]));
    // The no-mesh runs of this variant by load (or why the load overloaded it): what a mesh's
    // failures are judged against, as failingRuns judges the loads every mesh runs.
    const baselines = new Map<number, RunSummary | string>();
    const record = (mesh: string, rps: number, result: RunSummary | string, refining: boolean, failing: boolean): LoadOutcome => {
      if (mesh === NO_MESH) baselines.set(rps, result);
      const outcome = toOutcome(rps, result, plan.slo, failing);
      outcomes.get(mesh)!.push(outcome);
      if (typeof result === "string") overloaded.push(withParameters({ mesh, rps, reason: result }, variant.parameters));
      else runs.push(withParameters(result, variant.parameters));
      options.onPoint?.(
        withParameters({ mesh, rps, run: typeof result === "string" ? undefined : result, passes: plan.slo ? outcome.passes : undefined, failing: outcome.failing ?? false, refining }, variant.parameters),
      );
      return outcome;
    };

    let active = [...meshes];
    for (const rps of rates ?? [variant.scenario.load.ratePerSec]) {
      if (active.length === 0) break;
      const results = await runPoint(plan, variant, active, rps, pointOptions);
      // Judged against the no-mesh run at this load when the sweep has one.
      const failing = failingRuns([...results.values()].filter((result): result is RunSummary => typeof result !== "string"));
      for (const mesh of active) {
        const result = results.get(mesh)!;
        record(mesh, rps, result, false, typeof result !== "string" && failing.has(result));
      }
      // Utilisation only grows with load: once overloaded, every higher load is too.
      active = active.filter((mesh) => typeof results.get(mesh) !== "string");
    }

    if (plan.slo === undefined) continue;
    /**
     * Whether a refining point's run fails, judged as the loads every mesh runs are
     * (failingRuns): no-mesh failures are the application's own and fail nothing; a mesh's are
     * judged against the no-mesh run at the same load, run for the purpose when the sweep has
     * none there yet (it joins no curve: it only judges). Without a no-mesh run (not in the
     * sweep, or overloaded), any failure fails.
     */
    const failsBeyondBaseline = async (mesh: string, rps: number, run: RunSummary): Promise<boolean> => {
      if (mesh === NO_MESH || run.requests.failed === 0) return false;
      let baseline = baselines.get(rps);
      if (baseline === undefined && meshes.includes(NO_MESH) && !overloadedBelow(outcomes.get(NO_MESH)!, rps)) {
        baseline = (await runPoint(plan, variant, [NO_MESH], rps, pointOptions)).get(NO_MESH)!;
        baselines.set(rps, baseline);
      }
      return runFailure(run, typeof baseline === "string" ? undefined : baseline) !== undefined;
    };
    for (const mesh of meshes) {
      let bracket = sloBracket(outcomes.get(mesh)!);
      if (resolutionRps !== undefined) {
        const evaluate = async (rps: number) => {
          // The no-mesh run a mesh before it had judged by is the same run: not run twice.
          const judged = mesh === NO_MESH ? baselines.get(rps) : undefined;
          const result = judged ?? (await runPoint(plan, variant, [mesh], rps, pointOptions)).get(mesh)!;
          const failing = typeof result !== "string" && (await failsBeyondBaseline(mesh, rps, result));
          return record(mesh, rps, result, true, failing);
        };
        bracket = (await refineBracket(bracket, resolutionRps, evaluate)).bracket;
      }
      capacity.push(
        withParameters(
          {
            mesh,
            maxRps: bracket.pass?.rps ?? null,
            valueMs: bracket.pass?.valueMs ?? null,
            firstFailingRps: bracket.fail?.rps ?? null,
            failedBy: bracket.fail === null ? null : bracket.fail.overloaded ? ("overload" as const) : bracket.fail.failing ? ("failures" as const) : ("latency" as const),
          },
          variant.parameters,
        ),
      );
    }
  }

  const order = (run: SweepRun) => [variantIndex(plan, run.parameters), plan.meshes.indexOf(run.mesh), run.rps];
  runs.sort((a, b) => compareTuples(order(a), order(b)));
  const base = plan.variants[0].scenario;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    meta: createMeta(options, started, pointOptions.pool.workers),
    scenario: { name: base.name, sha256: base.sha256 },
    seed: plan.seed,
    runs,
    ...(Object.keys(pointOptions.calibration).length > 0 ? { calibration: sortedByMesh(pointOptions.calibration, plan.meshes) } : {}),
    ...(skippedMeshes.length > 0 ? { skippedMeshes } : {}),
    sweep: {
      rates: rates ?? [...new Set(plan.variants.map((variant) => variant.scenario.load.ratePerSec))].sort((a, b) => a - b),
      ...(range ? { range } : {}),
      parameters: plan.settings.map((setting) => ({ path: setting.path, values: setting.values })),
      ...(plan.slo ? { slo: plan.slo, capacity } : {}),
      ...(resolutionRps !== undefined ? { resolutionRps } : {}),
      overloaded,
    },
  };
}

// --- internal ---

/** The baseline's mesh id. */
const NO_MESH = "none";

/** Whether a load at or below `rps` overloaded the mesh: every higher one does too. */
function overloadedBelow(outcomes: readonly LoadOutcome[], rps: number): boolean {
  return outcomes.some((outcome) => outcome.overloaded && outcome.rps <= rps);
}

/**
 * Runs `meshes` at one load: each mesh's run, or the reason it was overloaded. The up-front
 * check of the application refuses all meshes at once; an overload of one mesh's proxies (found
 * up front, or while simulating) belongs to that mesh, so then each mesh is run on its own.
 */
async function runPoint(plan: SweepPlan, variant: ScenarioVariant, meshes: string[], rps: number, options: PointOptions): Promise<Map<string, RunSummary | string>> {
  try {
    const document = await runScenario(runPlan(plan, variant, meshes, rps), options);
    options.pool.workers = Math.max(options.pool.workers, document.meta.workers);
    Object.assign(options.calibration, document.calibration);
    return new Map(document.runs.map((run) => [run.mesh, run]));
  } catch (error) {
    const oneMesh = error instanceof OverloadError && error.mesh !== undefined;
    if (error instanceof OverloadError && !oneMesh) return new Map(meshes.map((mesh) => [mesh, error.message]));
    if (!oneMesh && !(error instanceof TaskFailedError && error.overloaded)) throw error;
    if (meshes.length === 1) return new Map([[meshes[0], error.message]]);
    const each = new Map<string, RunSummary | string>();
    for (const mesh of meshes) each.set(mesh, (await runPoint(plan, variant, [mesh], rps, options)).get(mesh)!);
    return each;
  }
}

/** Run options, and the most worker threads any point's pool had (the sweep's `meta.workers`). */
interface PointOptions extends RunOptions {
  pool: { workers: number };
  /** The calibration of every mesh that ran, gathered from the points' documents. */
  calibration: Record<string, ProfileCalibration>;
}

/** The run plan of `meshes` at one load of a variant. */
function runPlan(plan: SweepPlan, variant: ScenarioVariant, meshes: string[], rps: number): RunPlan {
  const load = variant.scenario.load;
  return {
    scenario: variant.scenario,
    meshes,
    mtls: plan.mtls,
    rates: [rps],
    durationS: plan.durationS ?? load.durationS,
    warmupS: plan.warmupS ?? load.warmupS,
    replications: plan.replications,
    seed: plan.seed,
  };
}

function toOutcome(rps: number, result: RunSummary | string, slo: Slo | undefined, failing: boolean): LoadOutcome {
  if (typeof result === "string") return { rps, passes: false, overloaded: true, valueMs: null };
  // A run that fails requests meets no SLO: the latency it shows is only of what it served.
  const passes = slo ? !failing && meetsSlo(result.latencyMs, slo) : true;
  return { rps, passes, overloaded: false, ...(failing ? { failing } : {}), valueMs: slo ? result.latencyMs[slo.statistic] : null };
}

function withParameters<T extends object>(value: T, parameters: Record<string, ParameterValue> | undefined): T & { parameters?: Record<string, ParameterValue> } {
  return parameters === undefined ? value : { ...value, parameters };
}

function variantIndex(plan: SweepPlan, parameters: Record<string, ParameterValue> | undefined): number {
  if (parameters === undefined) return 0;
  return plan.variants.findIndex((variant) => JSON.stringify(variant.parameters) === JSON.stringify(parameters));
}

/** Calibration entries in the plan's mesh order, so the document never depends on which point ran first. */
function sortedByMesh(calibration: Record<string, ProfileCalibration>, meshes: string[]): Record<string, ProfileCalibration> {
  return Object.fromEntries(meshes.filter((mesh) => calibration[mesh] !== undefined).map((mesh) => [mesh, calibration[mesh]]));
}

function compareTuples(a: number[], b: number[]): number {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index] - b[index];
  return 0;
}
