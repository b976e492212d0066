/**
 * The independent units of a sweep: one per (`--set` variant, mesh), each its whole climb over
 * the loads and its SLO search. A unit's points depend on no other unit's, except that a mesh's
 * failures are judged against the no-mesh runs of its variant, which are run again (they are
 * deterministic) wherever a unit needs them, so any subset of units runs on its own: a shard.
 */

import { OverloadError } from "../mesh/index.js";
import { destroyKeptPool, dropInexpressibleMeshes, failingRuns, runFailure, runScenario, TaskFailedError, type KeptPool, type ProfileCalibration, type RunPlan, type RunSummary } from "../runner/index.js";
import { refineBracket, REFINE_STEPS_PER_STEP, sloBracket, type LoadOutcome } from "./capacity-search.js";
import type { ScenarioVariant } from "./scenario-variants.js";
import { meetsSlo, type Slo } from "./slo.js";
import type { OverloadedPoint, ParameterValue, SkippedSweepMesh, SloCapacity, SweepRun } from "./sweep-document.js";
import type { SweepOptions, SweepPlan } from "./sweep-plan.js";

/** One (variant, mesh) of a sweep; `variant` indexes the plan's variants. */
export interface SweepUnit {
  variant: number;
  mesh: string;
}

/** What one unit found: the parts of the sweep document it owns. */
export interface SweepUnitResult extends SweepUnit {
  /** Its runs, in the order they ran. */
  runs: SweepRun[];
  /** Its loads (of the asked ones) found overloaded, ascending. */
  overloaded: OverloadedPoint[];
  /** Its bisection's loads found overloaded, in the order they ran. */
  refiningOverloaded: OverloadedPoint[];
  /** With an SLO. */
  capacity?: SloCapacity;
  /** The mesh's calibration, when any of its points ran. */
  calibration?: ProfileCalibration;
}

/** The units of a plan in canonical order (variant, then the plan's mesh order) and the meshes left out. */
export interface SweepLayout {
  units: SweepUnit[];
  skippedMeshes: SkippedSweepMesh[];
}

/**
 * The units of a plan: with `--mesh all`, each variant without the meshes that cannot express
 * its settings (named in `skippedMeshes`). Nothing is simulated.
 * @throws as dropInexpressibleMeshes
 */
export function planSweepUnits(plan: SweepPlan): SweepLayout {
  const units: SweepUnit[] = [];
  const skippedMeshes: SkippedSweepMesh[] = [];
  plan.variants.forEach((variant, index) => {
    const selected = plan.skipInexpressible ? dropInexpressibleMeshes(runPlan(plan, variant, plan.meshes, variant.scenario.load.ratePerSec)) : undefined;
    for (const skipped of selected?.skippedMeshes ?? []) skippedMeshes.push(withParameters(skipped, variant.parameters));
    for (const mesh of selected?.meshes ?? plan.meshes) units.push({ variant: index, mesh });
  });
  return { units, skippedMeshes };
}

/**
 * Runs `units` (any subset of the layout's, in canonical order). Points run one load at a time
 * (the variant's meshes together), so a mesh overloaded at one load is skipped at every higher one.
 * @returns each unit's result in the order given, and the most worker threads a point's pool had
 * @throws TaskFailedError for a failure other than overload; CancelledError when cancelled
 */
export async function runSweepUnits(
  plan: SweepPlan,
  layout: SweepLayout,
  units: readonly SweepUnit[],
  options: SweepOptions = {},
): Promise<{ results: SweepUnitResult[]; workers: number }> {
  // One pool of worker threads for every point: started, loaded and compiled once, not per load.
  const keptPool: KeptPool = {};
  const pointOptions: PointOptions = { ...options, keptPool, pool: { workers: 0 }, calibration: {} };
  const results: SweepUnitResult[] = [];
  try {
    for (const [variantIndex, variant] of plan.variants.entries()) {
      const owned = units.filter((unit) => unit.variant === variantIndex).map((unit) => unit.mesh);
      if (owned.length === 0) continue;
      const selected = layout.units.filter((unit) => unit.variant === variantIndex).map((unit) => unit.mesh);
      // A mesh's calibration is the same at every load of a variant; the last variant's is reported.
      pointOptions.calibration = {};
      const variantResults = await runVariant(plan, variant, variantIndex, selected, owned, pointOptions);
      for (const result of variantResults) {
        const calibration = pointOptions.calibration[result.mesh];
        results.push(calibration !== undefined ? { ...result, calibration } : result);
      }
    }
  } finally {
    await destroyKeptPool(keptPool);
  }
  return { results, workers: pointOptions.pool.workers };
}

// --- internal ---

/** The baseline's mesh id. */
const NO_MESH = "none";

/**
 * One variant's units: the climb over the loads, then with an SLO each mesh's search. `owned`
 * are the meshes whose results are wanted, in the plan's order; the no-mesh runs are run too
 * when another of them is judged against them, but then report nothing.
 */
async function runVariant(
  plan: SweepPlan,
  variant: ScenarioVariant,
  variantIndex: number,
  selected: string[],
  owned: string[],
  options: PointOptions,
): Promise<SweepUnitResult[]> {
  // Units holding a mesh but not the no-mesh unit (a shard's) run the no-mesh points again (they
  // are deterministic) to judge the mesh's failures as the whole sweep does; they report nothing.
  const judgedAgainstNone = owned.some((mesh) => mesh !== NO_MESH);
  const meshes = selected.filter((mesh) => owned.includes(mesh) || (mesh === NO_MESH && judgedAgainstNone));
  const units = new Map(owned.map((mesh): [string, SweepUnitResult] => [mesh, { variant: variantIndex, mesh, runs: [], overloaded: [], refiningOverloaded: [] }]));
  const outcomes = new Map<string, LoadOutcome[]>(meshes.map((mesh) => [mesh, []]));
  // The no-mesh runs of this variant by load (or why the load overloaded it): what a mesh's
  // failures are judged against, as failingRuns judges the loads every mesh runs.
  const baselines = new Map<number, RunSummary | string>();
  const record = (mesh: string, rps: number, result: RunSummary | string, refining: boolean, failing: boolean): LoadOutcome => {
    if (mesh === NO_MESH) baselines.set(rps, result);
    const outcome = toOutcome(rps, result, plan.slo, failing);
    outcomes.get(mesh)!.push(outcome);
    const unit = units.get(mesh);
    if (unit === undefined) return outcome;
    if (typeof result === "string") (refining ? unit.refiningOverloaded : unit.overloaded).push(withParameters({ mesh, rps, reason: result }, variant.parameters));
    else unit.runs.push(withParameters(result, variant.parameters));
    options.onPoint?.(
      withParameters({ mesh, rps, run: typeof result === "string" ? undefined : result, passes: plan.slo ? outcome.passes : undefined, failing: outcome.failing ?? false, refining }, variant.parameters),
    );
    return outcome;
  };

  // Ascending, whatever order a list gave: a load that overloads ends the climb for its mesh.
  const rates = plan.loadPoints ? [...plan.loadPoints.rates].sort((a, b) => a - b) : [variant.scenario.load.ratePerSec];
  let active = [...meshes];
  for (const rps of rates) {
    if (active.length === 0) break;
    const results = await runPoint(plan, variant, active, rps, options);
    // Judged against the no-mesh run at this load when the sweep has one.
    const failing = failingRuns([...results.values()].filter((result): result is RunSummary => typeof result !== "string"));
    for (const mesh of active) {
      const result = results.get(mesh)!;
      record(mesh, rps, result, false, typeof result !== "string" && failing.has(result));
    }
    // Utilisation only grows with load: once overloaded, every higher load is too.
    active = active.filter((mesh) => typeof results.get(mesh) !== "string");
  }

  if (plan.slo !== undefined) {
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
        baseline = (await runPoint(plan, variant, [NO_MESH], rps, options)).get(NO_MESH)!;
        baselines.set(rps, baseline);
      }
      return runFailure(run, typeof baseline === "string" ? undefined : baseline) !== undefined;
    };
    const range = plan.loadPoints?.range;
    const resolutionRps = range ? range.step / REFINE_STEPS_PER_STEP : undefined;
    // A no-mesh search after every owned mesh is not needed: the baselines it adds are only
    // read by the meshes after it.
    const lastOwned = Math.max(...meshes.map((mesh, index) => (units.has(mesh) ? index : -1)));
    for (const mesh of meshes.slice(0, lastOwned + 1)) {
      let bracket = sloBracket(outcomes.get(mesh)!);
      if (resolutionRps !== undefined) {
        const evaluate = async (rps: number) => {
          // The no-mesh run a mesh before it had judged by is the same run: not run twice.
          const judged = mesh === NO_MESH ? baselines.get(rps) : undefined;
          const result = judged ?? (await runPoint(plan, variant, [mesh], rps, options)).get(mesh)!;
          const failing = typeof result !== "string" && (await failsBeyondBaseline(mesh, rps, result));
          return record(mesh, rps, result, true, failing);
        };
        bracket = (await refineBracket(bracket, resolutionRps, evaluate)).bracket;
      }
      const unit = units.get(mesh);
      if (unit === undefined) continue;
      unit.capacity = withParameters(
        {
          mesh,
          maxRps: bracket.pass?.rps ?? null,
          valueMs: bracket.pass?.valueMs ?? null,
          firstFailingRps: bracket.fail?.rps ?? null,
          failedBy: bracket.fail === null ? null : bracket.fail.overloaded ? ("overload" as const) : bracket.fail.failing ? ("failures" as const) : ("latency" as const),
        },
        variant.parameters,
      );
    }
  }
  return owned.map((mesh) => units.get(mesh)!);
}

/** Whether a load at or below `rps` overloaded the mesh: every higher one does too. */
function overloadedBelow(outcomes: readonly LoadOutcome[], rps: number): boolean {
  return outcomes.some((outcome) => outcome.overloaded && outcome.rps <= rps);
}

/**
 * Runs `meshes` at one load: each mesh's run, or the reason it was overloaded. The up-front
 * check of the application refuses all meshes at once; an overload of one mesh's proxies (found
 * up front, or while simulating) belongs to that mesh, so then each mesh is run on its own.
 * A mesh's run does not depend on which meshes run with it: the random streams depend on the
 * seed, the load and the replication only (planTasks).
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
interface PointOptions extends SweepOptions {
  pool: { workers: number };
  /** The calibration of every mesh of the variant that ran, gathered from the points' documents. */
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
