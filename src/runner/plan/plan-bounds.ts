/**
 * The plan's size before anything is built: how many tasks it holds and how much simulation
 * work each would take, refused when they would not fit, naming the field and the limit. The
 * scenario's own fields are bounded at validation (scenario/value-limits.ts); this adds what
 * only the plan knows (flags, rates, replications) and what only their product shows.
 */

import { offeredLoad } from "../../mesh/index.js";
import { MAX_TIME_MS, ScenarioError } from "../../scenario/index.js";
import { meanOf } from "../../random/index.js";
import type { RunPlan } from "./plan-tasks.js";

/**
 * Most tasks (meshes x loads x replications) in one plan: 10,000. Every task's result (its
 * histograms, about 16 KB for online-boutique) is held until the results are assembled, so
 * about 160 MB; merge refuses more shards than this for the same reason.
 */
export const MAX_TASKS = 10_000;

/**
 * Most simulated events one task may take: 10^10, about 20 minutes of one core at the engine's
 * measured 8-9 M events/s (bench/README.md); the event queue itself stops at 2^40.
 */
export const MAX_EVENTS_PER_TASK = 1e10;

/**
 * Events per call, an upper bound measured on the built-in scenarios under every architecture
 * (fortio under ambient: 17 for its one call; online-boutique under ambient: 198 per request).
 */
export const EVENTS_PER_CALL = 25;

/** Longest warm-up or measured time a plan may ask for, in seconds: a day, as scenario time fields. */
const MAX_RUN_S = MAX_TIME_MS / 1000;

/**
 * Refuses a plan too large to run: a duration or warm-up over a day, more than MAX_TASKS tasks, or
 * a task estimated at more than MAX_EVENTS_PER_TASK events (rate x time x calls per request x
 * EVENTS_PER_CALL; a closed loop's rate is at most what its users or its busiest service allow).
 * @throws ScenarioError naming the field (or flag) and the limit
 * @example checkPlanBounds({ ...plan, durationS: 1e9 }) // throws: durationS must be at most 86400
 */
export function checkPlanBounds(plan: RunPlan): void {
  const { scenario } = plan;
  const file = scenario.file;
  if (!(plan.durationS <= MAX_RUN_S)) {
    throw new ScenarioError(file, "load.durationS (or --duration)", `must be at most ${MAX_RUN_S} s (a day), got ${plan.durationS}`);
  }
  if (!(plan.warmupS <= MAX_RUN_S)) {
    throw new ScenarioError(file, "load.warmupS (or --warmup)", `must be at most ${MAX_RUN_S} s (a day), got ${plan.warmupS}`);
  }
  const tasks = plan.meshes.length * plan.rates.length * plan.replications;
  if (!(tasks <= MAX_TASKS)) {
    throw new ScenarioError(
      "",
      "--replications",
      `${plan.replications} with ${plural(plan.meshes.length, "mesh", "meshes")} and ${plural(plan.rates.length, "load")} makes ${tasks} tasks; ` +
        `a run holds at most ${MAX_TASKS} (each task's result is kept until the results are assembled)`,
    );
  }
  const calls = callsPerRequest(plan);
  const seconds = plan.durationS + plan.warmupS;
  for (const rate of plan.rates) {
    const offered = scenario.load.type === "open" ? rate : closedLoopRate(plan);
    const events = offered * seconds * calls * EVENTS_PER_CALL;
    // A closed loop nothing slows has no rate to estimate: left to the in-flight guard and the clock.
    if (!(events > MAX_EVENTS_PER_TASK) || !Number.isFinite(events)) continue;
    const load = scenario.load.type === "open" ? `${rate} requests/s` : `${scenario.load.connections} users`;
    throw new ScenarioError(
      file,
      "load.durationS (or --duration)",
      `makes a task of about ${events.toExponential(1)} simulated events (${load} for ${seconds} s with warm-up, ` +
        `${formatCount(calls)} call${calls === 1 ? "" : "s"} per request, about ${EVENTS_PER_CALL} events per call), more than the ${MAX_EVENTS_PER_TASK.toExponential(0)} ` +
        `a task may take (about 20 minutes of one core); shorten the run, lower the load or make the call trees smaller, and add replications instead`,
    );
  }
}

// --- internal ---

/** Expected calls per request, every service's visits together (the entry call included). */
function callsPerRequest(plan: RunPlan): number {
  return offeredLoad(plan.scenario.topology, 1).reduce((sum, load) => sum + load.visitsPerRequest, 0);
}

/**
 * The most requests per second a closed loop can send: each user's cycle takes at least its mean
 * think time, the shortest round trip and the time its request and response take on the wire,
 * and the busiest service serves no faster than its workers allow. Infinity when nothing bounds it.
 */
function closedLoopRate(plan: RunPlan): number {
  const { load, topology } = plan.scenario;
  const { sameNodeRttMs, crossNodeRttMs, bandwidthGbps } = topology.cluster;
  const wireMs = ((load.requestBytes + load.responseBytes) * 8) / (bandwidthGbps * 1e6);
  const cycleMs = meanOf(load.thinkTime) + Math.min(sameNodeRttMs, crossNodeRttMs) + wireMs;
  const byUsers = cycleMs > 0 ? ((load.connections ?? 1) * 1000) / cycleMs : Infinity;
  const busiest = Math.max(0, ...offeredLoad(topology, 1).map((service) => service.utilization));
  const byServices = busiest > 0 ? 1 / busiest : Infinity;
  return Math.min(byUsers, byServices);
}

function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

function formatCount(value: number): string {
  return value < 1e6 ? String(Number(value.toPrecision(3))) : value.toExponential(1);
}
