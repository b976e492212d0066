/**
 * The flags that shape a simulation (`--mesh`, `--rps`, `--duration`, `--warmup`, `--mtls`,
 * `--replications`, `--seed`), read once for `run`, `check`, `export` and `sweep`, so every
 * command reads them the same way.
 */

import type { RunPlan } from "../../runner/index.js";
import { loadScenario } from "../../import/index.js";
import type { MtlsMode } from "../../mesh/index.js";
import { resolveMeshIds, type Scenario } from "../../scenario/index.js";
import { parseChoice, parseDurationS, parseNonNegativeInteger, parsePositiveInteger, parseRateList } from "../parse-values.js";
import { UsageError } from "../usage-error.js";

export const DEFAULT_REPLICATIONS = 4;
export const DEFAULT_SEED = 1;
const MTLS_MODES = ["off", "permissive", "strict"] as const;

/** The `meshsim run` flags that shape a plan. */
export interface PlanFlags {
  mesh?: string;
  rps?: string;
  duration?: string;
  warmup?: string;
  mtls?: string;
  seed?: string;
  replications?: string;
  /** Manifests to import as traffic rules, separated by commas. */
  trafficConfig?: string;
}

/** The files of `--traffic-config`. */
export function trafficConfigFrom(flag: string | undefined): string[] | undefined {
  if (flag === undefined) return undefined;
  const files = flag.split(",").map((file) => file.trim()).filter((file) => file !== "");
  if (files.length === 0) throw new UsageError("--traffic-config needs at least one file");
  return files;
}

/** Mesh ids from `--mesh`, else the scenario's `mesh.ids`, else every profile. */
export function meshesFrom(flag: string | undefined, scenario: Scenario): string[] {
  if (flag) return resolveMeshIds([flag], { file: "", field: "--mesh" });
  return scenario.mesh.ids ?? resolveMeshIds(["all"], { file: "", field: "--mesh" });
}

/** The mTLS mode from `--mtls`, else the scenario's; undefined runs each mesh in its default. */
export function mtlsFrom(flag: string | undefined, scenario: Scenario): MtlsMode | undefined {
  return flag !== undefined ? parseChoice(flag, MTLS_MODES, "--mtls") : scenario.mesh.mtls;
}

/** @throws UsageError when a load flag is given for a closed-loop scenario */
export function refuseRpsOnClosedLoop(scenario: Scenario): void {
  if (scenario.load.type === "closed") {
    throw new UsageError(`--rps applies to open-loop load; ${scenario.file} has a closed loop (load.connections users)`);
  }
}

export function replicationsFrom(flag: string | undefined): number {
  return parsePositiveInteger(flag ?? String(DEFAULT_REPLICATIONS), "--replications");
}

export function seedFrom(flag: string | undefined): number {
  return parseNonNegativeInteger(flag ?? String(DEFAULT_SEED), "--seed");
}

/**
 * The plan `meshsim run <scenario>` builds from its flags.
 * @throws ScenarioError or UsageError naming the file, field or flag at fault
 */
export function planFromFlags(scenarioArgument: string, flags: PlanFlags): RunPlan {
  const scenario = loadScenario(scenarioArgument, { trafficConfig: trafficConfigFrom(flags.trafficConfig) });
  const meshes = meshesFrom(flags.mesh, scenario);
  if (flags.rps !== undefined) refuseRpsOnClosedLoop(scenario);
  return {
    scenario,
    meshes,
    mtls: mtlsFrom(flags.mtls, scenario),
    rates: flags.rps !== undefined ? parseRateList(flags.rps, "--rps") : [scenario.load.ratePerSec],
    durationS: flags.duration !== undefined ? parseDurationS(flags.duration, "--duration") : scenario.load.durationS,
    warmupS: flags.warmup !== undefined ? parseDurationS(flags.warmup, "--warmup", { allowZero: true }) : scenario.load.warmupS,
    replications: replicationsFrom(flags.replications),
    seed: seedFrom(flags.seed),
  };
}
