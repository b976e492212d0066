/**
 * Runs the traffic checks under the synthetic mesh and reports each figure as predicted vs
 * expected with its error: the `traffic` rows of `meshsim validate`.
 */

import { executeTasks, meshOfTask, type ExecuteOptions, type ReplicationResult, type ReplicationTask } from "../runner/index.js";
import { SYNTHETIC_TRAFFIC_MESH } from "./_synthetic-mesh.js";
import { trafficChecks, type TrafficCheck, type TrafficTotals } from "./traffic-checks.js";
import { compareFigure, type ValidationRow } from "./validation-row.js";

/** Measured calls per traffic check by default: a few seconds for all of them on 2 cores. */
export const DEFAULT_CALLS_PER_TRAFFIC_CHECK = 200_000;
const DEFAULT_TRAFFIC_REPLICATIONS = 2;

/**
 * Simulates every traffic check (each split into `replications` tasks, all on one pool) and
 * compares each figure with theory.
 * @example (await runTrafficChecks({ workers: 2 })).every((row) => row.pass)
 */
export async function runTrafficChecks(
  options: ExecuteOptions & { callsPerCheck?: number; replications?: number; seed?: number } = {},
): Promise<ValidationRow[]> {
  const replications = options.replications ?? DEFAULT_TRAFFIC_REPLICATIONS;
  const checks = trafficChecks(options.callsPerCheck ?? DEFAULT_CALLS_PER_TRAFFIC_CHECK, replications);
  const tasks = checks.flatMap((check) =>
    Array.from({ length: replications }, (_, replication) => taskOf(check, replication, options.seed ?? 1)),
  );
  const results = await executeTasks(tasks, options);
  return checks.flatMap((check, index) => {
    const totals = sumResults(results.slice(index * replications, (index + 1) * replications));
    return check.figures(totals).map((figure) =>
      compareFigure({ group: "traffic rules", check: check.name, metric: figure.metric, basis: figure.basis }, figure.predicted, figure.expected, figure.tolerancePct),
    );
  });
}

// --- internal ---

function taskOf(check: TrafficCheck, replication: number, seed: number): ReplicationTask {
  return {
    scenario: check.scenario,
    meshId: SYNTHETIC_TRAFFIC_MESH.id,
    profile: SYNTHETIC_TRAFFIC_MESH,
    ...meshOfTask(SYNTHETIC_TRAFFIC_MESH, check.scenario, "off"),
    ratePerSec: check.ratePerSec,
    durationS: check.durationS,
    warmupS: check.warmupS,
    seed,
    // Each check draws its own random streams.
    loadPointKey: check.name,
    replication,
  };
}

function sumResults(results: ReplicationResult[]): TrafficTotals {
  const totals: TrafficTotals = { calls: 0, failedByReason: {}, visits: {}, byBackend: {} };
  for (const result of results) {
    totals.calls += result.requests.completed + result.requests.failed;
    addInto(totals.failedByReason, result.requests.failedByReason);
    for (const hop of result.hops) {
      if (hop.station.startsWith("app/")) addInto(totals.visits, { [hop.station.slice("app/".length)]: hop.visits });
    }
    for (const host of result.traffic?.hosts ?? []) {
      if (host.host === "server") addInto(totals.byBackend, host.byBackend);
    }
  }
  return totals;
}

function addInto(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [key, count] of Object.entries(counts)) into[key] = (into[key] ?? 0) + count;
}
