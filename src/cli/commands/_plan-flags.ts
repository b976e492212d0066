/**
 * The flags that shape a simulation (`--mesh`, `--rps`, `--duration`, `--warmup`, `--mtls`,
 * `--replications`, `--seed`), read once for `run`, `check`, `export` and `sweep`, so every
 * command reads them the same way.
 */

import type { Command } from "commander";
import { changesOverTime, dropInexpressibleMeshes, hasStages, intervalCount, intervalOf, MAX_TIMELINE_INTERVALS, type RunPlan, type SkippedMesh } from "../../runner/index.js";
import { loadScenario } from "../../import/index.js";
import type { MtlsMode } from "../../mesh/index.js";
import { resolveMeshIds, type Scenario } from "../../scenario/index.js";
import { parseChoice, parseDurationS, parseList, parseNonNegativeInteger, parsePositiveInteger, parseRps } from "../parse-values.js";
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
  interval?: string;
  mtls?: string;
  seed?: string;
  replications?: string;
  /** Manifests to import as traffic rules, separated by commas. */
  trafficConfig?: string;
  /** Lets the scenario's `trafficConfig` name files outside its folder. */
  allowOutsideFiles?: boolean;
}

/** How a command words the plan options in its help. */
export interface PlanOptionStyle {
  /** What one simulated unit is called: a "run" (mesh x load) or a sweep's "point". */
  unit: "run" | "point";
  /** Help for --rps, when the command words its loads its own way (the syntax is the same: parseRps). */
  rpsHelp?: string;
  /**
   * Marks every option as applying to a scenario input (check, export) and gives seed and
   * replications no default value, so the command can tell which flags the user set.
   */
  scenarioInput?: boolean;
}

/** The plan options in declaration order: flag, PlanFlags key, help. */
export const PLAN_OPTIONS: ReadonlyArray<{ flags: string; key: keyof PlanFlags | "workers"; help: (style: PlanOptionStyle) => string; defaultValue?: string }> = [
  { flags: "--mesh <ids>", key: "mesh", help: () => "mesh ids separated by commas, or all (default: the scenario's, else all)" },
  { flags: "--rps <n>", key: "rps", help: (style) => style.rpsHelp ?? "requests per second (open loop): one, a list (100,200,400) or a range start..end:step (100..1000:100)" },
  { flags: "--duration <time>", key: "duration", help: (style) => `measured duration per ${style.unit}, e.g. 30s (default: the scenario's)` },
  { flags: "--warmup <time>", key: "warmup", help: () => "warm-up discarded before measuring, e.g. 2s (default: the scenario's)" },
  {
    flags: "--interval <time>",
    key: "interval",
    help: () => "results over time (runs[].timeline) in intervals of this length, e.g. 1s (default: 1s when the load has stages or the scenario a timeline, else none)",
  },
  { flags: "--mtls <mode>", key: "mtls", help: () => "mTLS mode: off, permissive or strict (default: each mesh's own)" },
  {
    flags: "--traffic-config <files>",
    key: "trafficConfig",
    help: () =>
      "Kubernetes manifests to import as traffic rules, separated by commas: Gateway API HTTPRoute, SMI TrafficSplit, Istio VirtualService and DestinationRule, Linkerd ServiceProfile, Kuma policies (MeshHTTPRoute, MeshRetry, ...), Consul config entries (ServiceRouter, ServiceSplitter, ...)",
  },
  {
    flags: "--allow-outside-files",
    key: "allowOutsideFiles",
    help: () => "let the scenario's trafficConfig name files outside the scenario's folder (refused by default: a CI gate may run scenarios from pull requests)",
  },
  { flags: "--seed <n>", key: "seed", help: () => "random seed; the same seed gives the same results", defaultValue: String(DEFAULT_SEED) },
  {
    flags: "--replications <n>",
    key: "replications",
    help: (style) => `independent replications per ${style.unit === "run" ? "mesh and load" : "point"}`,
    defaultValue: String(DEFAULT_REPLICATIONS),
  },
  { flags: "--workers <n>", key: "workers", help: () => "worker threads (default: one per core)" },
];

/** Declares the plan options on `command`, worded for it. */
export function addPlanOptions(command: Command, style: PlanOptionStyle): Command {
  for (const option of PLAN_OPTIONS) {
    const help = option.help(style);
    if (!style.scenarioInput) command.option(option.flags, help, option.defaultValue);
    else command.option(option.flags, `scenario input: ${help}${option.defaultValue !== undefined ? ` (default ${option.defaultValue})` : ""}`);
  }
  return command;
}

/** The files of `--traffic-config`. */
export function trafficConfigFrom(flag: string | undefined): string[] | undefined {
  if (flag === undefined) return undefined;
  return parseList(flag, "--traffic-config");
}

/** Mesh ids from `--mesh`, else the scenario's `mesh.ids`, else every profile. */
export function meshesFrom(flag: string | undefined, scenario: Scenario): string[] {
  if (flag !== undefined) return resolveMeshIds(parseList(flag, "--mesh"), { file: "", field: "--mesh" });
  return scenario.mesh.ids ?? resolveMeshIds(["all"], { file: "", field: "--mesh" });
}

/**
 * Whether the meshes are "all" (`--mesh all`, or neither the flag nor the scenario names any):
 * then a mesh that cannot express a setting is left out with the reason; a list the user wrote
 * keeps the error, since leaving out a mesh they named would hide it.
 */
export function meshesAreAll(flag: string | undefined, scenario: Scenario): boolean {
  if (flag !== undefined) return parseList(flag, "--mesh").includes("all");
  return scenario.mesh.ids === undefined;
}

/** The notes that say which meshes of `--mesh all` were left out, and why. */
export function skippedMeshNotes(skipped: SkippedMesh[] | undefined): string[] {
  return (skipped ?? []).map(({ mesh, reason }) => `note: --mesh all: skipped ${mesh}, which ${reason}\n`);
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
 * The seconds of `--interval`, refused when they cut `durationS` into more than MAX_TIMELINE_INTERVALS,
 * or are longer than the run (its one interval would be cut short: a timeline with nothing over time).
 * @throws UsageError naming the flag
 */
export function intervalFrom(flag: string, durationS: number): number {
  const intervalS = parseDurationS(flag, "--interval");
  if (intervalS > durationS) throw new UsageError(`--interval ${flag} is longer than the run (${durationS} s measured); use an interval of ${durationS} s or less`);
  const count = intervalCount(durationS * 1000, intervalS * 1000);
  if (count > MAX_TIMELINE_INTERVALS) {
    throw new UsageError(`--interval ${flag} cuts ${durationS} s into ${count} intervals; at most ${MAX_TIMELINE_INTERVALS} (use a longer --interval)`);
  }
  return intervalS;
}

/**
 * The plan `meshsim run <scenario>` builds from its flags.
 * @throws ScenarioError or UsageError naming the file, field or flag at fault
 */
export function planFromFlags(scenarioArgument: string, flags: PlanFlags): RunPlan {
  const scenario = loadScenario(scenarioArgument, { trafficConfig: trafficConfigFrom(flags.trafficConfig), allowOutsideFiles: flags.allowOutsideFiles === true });
  const meshes = meshesFrom(flags.mesh, scenario);
  if (flags.rps !== undefined) refuseRpsOnClosedLoop(scenario);
  const staged = hasStages(scenario.load) && flags.rps === undefined;
  if (staged && flags.duration !== undefined) {
    throw new UsageError(`--duration does not apply to ${scenario.file}: its load.stages make the measured time (with --rps it runs a constant rate for --duration)`);
  }
  const durationS = flags.duration !== undefined ? parseDurationS(flags.duration, "--duration") : scenario.load.durationS;
  const plan: RunPlan = {
    scenario,
    meshes,
    mtls: mtlsFrom(flags.mtls, scenario),
    rates: flags.rps !== undefined ? parseRps(flags.rps, "--rps").rates : [scenario.load.ratePerSec],
    durationS,
    warmupS: flags.warmup !== undefined ? parseDurationS(flags.warmup, "--warmup", { allowZero: true }) : scenario.load.warmupS,
    ...(staged ? { staged } : {}),
    ...intervalOf(flags.interval !== undefined ? intervalFrom(flags.interval, durationS) : undefined, changesOverTime(scenario, staged), durationS),
    replications: replicationsFrom(flags.replications),
    seed: seedFrom(flags.seed),
  };
  return meshesAreAll(flags.mesh, scenario) ? dropInexpressibleMeshes(plan) : plan;
}
