/**
 * Zones checked against what follows from their definition: with k equal zones and zone-blind
 * routing, a call's server is in another zone with probability (k-1)/k; Kubernetes' PreferSameZone
 * and Istio's locality load balancing (with outlier detection) keep every call in its zone while the
 * zone's replicas are healthy; and a call to another zone pays crossZoneRttMs more than one within.
 */

import { runScenario, type KeptPool, type RunSummary } from "../runner/index.js";
import { parseScenario } from "../scenario/index.js";
import { compareFigure, type ValidationRow } from "./validation-row.js";
import { binomialStandardError } from "./traffic-theory.js";

const ZONES = 3;
const RATE_PER_SEC = 400;
const DURATION_S = 20;
/** Standard errors a share may stray from its expected value. */
const STANDARD_ERRORS = 4;

/**
 * The zone rows of `meshsim validate`.
 * @example (await runZoneChecks({ workers: 2 })).every((row) => row.pass)
 */
export async function runZoneChecks(options: { workers?: number; seed?: number; keptPool?: KeptPool } = {}): Promise<ValidationRow[]> {
  const group = "zones (cluster.zones)";
  const blind = await simulate(shop({}), ["none", "istio"], options);
  const preferClose = await simulate(shop({ trafficDistribution: "PreferClose" }), ["none"], options);
  const outlier = { outlierDetection: { consecutive5xx: 5 } };
  const rules = [rule("front", outlier), rule("back", outlier)];
  const locality = await simulate(shop({}, { traffic: rules, meshed: true }), ["istio"], options);
  const rows: ValidationRow[] = [];
  const expectedShare = (ZONES - 1) / ZONES;
  for (const run of blind) {
    const calls = callsOf(run);
    const tolerancePct = (STANDARD_ERRORS * binomialStandardError(expectedShare, calls) * 100) / expectedShare;
    rows.push(
      compareFigure(
        { group, check: `${run.mesh}, ${ZONES} zones, zone-blind`, metric: "share of calls crossing zones", basis: "(k-1)/k: a replica drawn uniformly over k equal zones" },
        run.zoneTraffic!.crossZoneShare,
        expectedShare,
        Math.round(tolerancePct * 100) / 100,
      ),
    );
  }
  rows.push(
    compareFigure(
      { group, check: "none, trafficDistribution: PreferClose", metric: "share of calls kept in their zone", basis: "same-zone endpoints while the zone has any (Kubernetes)" },
      1 - preferClose[0].zoneTraffic!.crossZoneShare,
      1,
      0,
    ),
    compareFigure(
      { group, check: "istio, locality LB with outlier detection", metric: "share of calls kept in their zone", basis: "Envoy priority 0 takes 1.4 x its healthy share, capped at 100%" },
      1 - locality[0].zoneTraffic!.crossZoneShare,
      1,
      0,
    ),
  );
  const near = await hop("zone-a", options);
  const far = await hop("zone-b", options);
  rows.push(
    compareFigure(
      { group, check: "none, one call within vs across zones", metric: "added p50 ms", basis: "crossZoneRttMs - crossNodeRttMs (1 - 0.2 ms)" },
      far - near,
      0.8,
      2,
    ),
  );
  return rows;
}

// --- internal ---

function rule(host: string, extra: object) {
  return { host, routes: [{ backends: [{ service: host, weight: 1 }] }], ...extra };
}

/** front (one replica per zone) calls back (two per zone); the load generator is in zone-a. */
function shop(service: object, options: { traffic?: object[]; meshed?: boolean } = {}) {
  return parseScenario(
    "zones-check",
    {
      name: "zones-check",
      cluster: { nodes: 2 * ZONES, zones: ZONES },
      services: [
        { name: "front", replicas: ZONES, concurrency: 32, serviceTime: { type: "exponential", meanMs: 0.5 }, ...service },
        { name: "back", replicas: 2 * ZONES, concurrency: 32, serviceTime: { type: "exponential", meanMs: 0.5 }, ...service },
      ],
      requestTypes: [{ name: "get", entry: "front", calls: [{ call: "back" }] }],
      load: { type: "open", ratePerSec: RATE_PER_SEC, client: { node: 0, meshed: options.meshed ?? false } },
      ...(options.traffic ? { traffic: options.traffic } : {}),
    },
    "",
  );
}

async function simulate(scenario: ReturnType<typeof shop>, meshes: string[], options: { workers?: number; seed?: number; keptPool?: KeptPool }): Promise<RunSummary[]> {
  const document = await runScenario(
    { scenario, meshes, rates: [RATE_PER_SEC], durationS: DURATION_S, warmupS: 1, replications: 2, seed: options.seed ?? 1 },
    { workers: options.workers, keptPool: options.keptPool },
  );
  return document.runs;
}

/** Calls the run made (requests x two calls each, over every replication's window). */
function callsOf(run: RunSummary): number {
  return run.zoneTraffic!.pairs.reduce((sum, pair) => sum + pair.callsPerSec, 0) * run.durationS * run.replications;
}

/**
 * p50 of one call from the load generator (node 1, zone-a) to a server in `zone`, at a constant
 * service time: zone-a's server lands on node 0, zone-b's on node 2, so both calls cross nodes.
 */
async function hop(zone: string, options: { workers?: number; seed?: number; keptPool?: KeptPool }): Promise<number> {
  const scenario = parseScenario(
    "zones-hop-check",
    {
      name: "zones-hop-check",
      cluster: { zones: [{ name: "zone-a", nodes: 2 }, { name: "zone-b", nodes: 1 }], network: { crossNodeRttMs: 0.2, crossZoneRttMs: 1 } },
      services: [{ name: "server", zones: { [zone]: 1 }, concurrency: 64, serviceTime: { type: "constant", valueMs: 1 } }],
      requestTypes: [{ name: "get", entry: "server" }],
      load: { type: "open", arrival: "uniform", ratePerSec: 20, client: { node: 1 } },
    },
    "",
  );
  const document = await runScenario(
    { scenario, meshes: ["none"], rates: [20], durationS: 10, warmupS: 1, replications: 1, seed: options.seed ?? 1 },
    { workers: options.workers, keptPool: options.keptPool },
  );
  return document.runs[0].latencyMs.p50;
}
