/**
 * A run plan from a scenario and the choices a caller makes, with `meshsim run`'s defaults for
 * the rest: the library's way to say "run this scenario" without spelling out every field.
 */

import type { MtlsMode } from "../../mesh/index.js";
import { meshIds, resolveMeshIds, type Scenario } from "../../scenario/index.js";
import type { RunPlan } from "./plan-tasks.js";
import { dropInexpressibleMeshes } from "./select-meshes.js";
import { defaultIntervalS } from "../replication/index.js";
import { hasStages } from "../../workload/index.js";

/** Replications per mesh and load when none are asked for (as `meshsim run`). */
export const DEFAULT_PLAN_REPLICATIONS = 4;
/** The seed when none is given (as `meshsim run`). */
export const DEFAULT_PLAN_SEED = 1;

/** What a caller may choose; every field defaults as `meshsim run` does. */
export interface RunChoices {
  /** Mesh ids (aliases and "all" work); default the scenario's `mesh.ids`, else every profile. */
  meshes?: string[];
  /** The mTLS mode; default the scenario's, else each mesh's own. */
  mtls?: MtlsMode;
  /** Open-loop rates, requests/s; default the scenario's `load.ratePerSec`. */
  rates?: number[];
  durationS?: number;
  warmupS?: number;
  /** Results over time with intervals of this many seconds; default 1 s when load.stages drive the run, else none. */
  intervalS?: number;
  replications?: number;
  seed?: number;
}

/**
 * The plan for `scenario` with `choices`. With every mesh (no `meshes` given and none in the
 * scenario, or "all"), meshes that cannot express the settings are left out and listed in
 * `skippedMeshes`, as `meshsim run --mesh all` does.
 * @throws ScenarioError for an unknown mesh id
 * @example await runScenario(planRun(loadScenario("fortio"), { meshes: ["none", "istio"] }))
 */
export function planRun(scenario: Scenario, choices: RunChoices = {}): RunPlan {
  const asked = choices.meshes ?? scenario.mesh.ids;
  const every = asked === undefined || asked.includes("all");
  // Stages set the rate and the measured time; a rate or a duration asked for runs a constant rate.
  const staged = hasStages(scenario.load) && choices.rates === undefined && choices.durationS === undefined;
  const plan: RunPlan = {
    scenario,
    meshes: asked === undefined ? meshIds() : resolveMeshIds(asked, { file: "", field: "meshes" }),
    mtls: choices.mtls ?? scenario.mesh.mtls,
    rates: choices.rates ?? [scenario.load.ratePerSec],
    durationS: choices.durationS ?? scenario.load.durationS,
    warmupS: choices.warmupS ?? scenario.load.warmupS,
    ...(staged ? { staged } : {}),
    ...intervalOf(choices.intervalS, changesOverTime(scenario, staged), choices.durationS ?? scenario.load.durationS),
    replications: choices.replications ?? DEFAULT_PLAN_REPLICATIONS,
    seed: choices.seed ?? DEFAULT_PLAN_SEED,
  };
  return every ? dropInexpressibleMeshes(plan) : plan;
}

/**
 * Whether a run of `scenario` changes over time, and so gets a timeline by default: load stages
 * (`staged`), a timeline of events, or an autoscaler.
 */
export function changesOverTime(scenario: Scenario, staged: boolean): boolean {
  return staged || scenario.timeline !== undefined || scenario.topology.services.some((service) => service.autoscaling !== undefined);
}

/**
 * The plan's `intervalS`: the one asked for, else the default when something changes over time
 * (stages, a timeline of events, an autoscaler), else none (a steady run's results stay as they were, with no timeline).
 */
export function intervalOf(askedS: number | undefined, changes: boolean, durationS: number): { intervalS?: number } {
  if (askedS !== undefined) return { intervalS: askedS };
  return changes ? { intervalS: defaultIntervalS(durationS) } : {};
}
