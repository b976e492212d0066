/**
 * Clusters checked against what follows from their definition: a call to another region pays the
 * round trip between the regions more than one within a node; a call through the mesh's gateways
 * passes each gateway twice (request and response), so two passes under Istio's east-west gateway
 * and four under Consul's mesh gateways in local mode, adding those passes' time and the gateway's
 * own hop to the server's node; and a mesh whose callers keep to their cluster sends no call away
 * while the service has replicas at home.
 */

import { runScenario, type KeptPool, type RunSummary } from "../runner/index.js";
import { loadMeshProfile, parseScenario } from "../scenario/index.js";
import { compareFigure, type ValidationRow } from "./validation-row.js";

const RATE_PER_SEC = 100;
const DURATION_S = 20;
const REGION_RTT_MS = 62;
const CROSS_NODE_RTT_MS = 0.2;
const SAME_NODE_RTT_MS = 0.04;

/**
 * The cluster rows of `meshsim validate`.
 * @example (await runClusterChecks({ workers: 2 })).every((row) => row.pass)
 */
export async function runClusterChecks(options: { workers?: number; seed?: number; keptPool?: KeptPool } = {}): Promise<ValidationRow[]> {
  const group = "clusters (clusters: [...])";
  const near = await simulate(oneCall("east"), "none", options);
  const far = await simulate(oneCall("west"), "none", options);
  const rows: ValidationRow[] = [
    compareFigure(
      { group, check: "none, one call within a node vs to another region", metric: "added p50 ms", basis: `the regions' round trip less one within a node (${REGION_RTT_MS} - ${SAME_NODE_RTT_MS} ms)` },
      far.latencyMs.p50 - near.latencyMs.p50,
      REGION_RTT_MS - SAME_NODE_RTT_MS,
      1,
    ),
  ];
  const istio = await simulate(oneCall("west"), "istio", options);
  const consul = await simulate(oneCall("west"), "consul", options);
  rows.push(
    compareFigure(
      { group, check: "istio, east-west gateway", metric: "gateway passes per cross-cluster call", basis: "the callee cluster's gateway, request and response" },
      gatewayPasses(istio),
      2,
      0,
    ),
    compareFigure(
      { group, check: "consul, mesh gateways in local mode", metric: "gateway passes per cross-cluster call", basis: "the caller's and the callee's cluster's gateways, request and response" },
      gatewayPasses(consul),
      4,
      0,
    ),
  );
  const flat = await simulate(oneCall("west", { modes: { istio: "flat" } }), "istio", options);
  // The east-west gateway routes by SNI: each pass is an opaque TCP pass of its Envoy.
  const passMs = loadMeshProfile("istio").dataPlane!.gateway!.pathMsPerPass.tcp;
  rows.push(
    compareFigure(
      {
        group,
        check: "istio, east-west gateway vs flat network",
        metric: "added mean ms",
        basis: `two opaque TCP passes of the gateway (2 x ${passMs} ms, SNI passthrough) and its hop to the server's node and back (${CROSS_NODE_RTT_MS} ms)`,
      },
      istio.latencyMs.mean - flat.latencyMs.mean,
      2 * passMs + CROSS_NODE_RTT_MS,
      5,
    ),
  );
  const kept = await simulate(bothClusters(), "linkerd2", options);
  rows.push(
    compareFigure(
      { group, check: "linkerd2, back in both clusters", metric: "share of calls kept in their cluster", basis: "a mirrored service is called by name: the local Service while it has endpoints" },
      1 - kept.clusterTraffic!.crossClusterShare,
      1,
      0,
    ),
  );
  return rows;
}

// --- internal ---

/** east (nodes 0-1) and west (nodes 2-3) 62 ms apart; the meshed load generator on node 0 calls one server. */
function oneCall(cluster: "east" | "west", multiCluster?: object) {
  return parseScenario(
    "clusters-check",
    {
      name: "clusters-check",
      cluster: { network: { sameNodeRttMs: SAME_NODE_RTT_MS, crossNodeRttMs: CROSS_NODE_RTT_MS } },
      clusters: [
        { name: "east", region: "us-east-1", nodes: 2, rttMs: { west: REGION_RTT_MS } },
        { name: "west", region: "us-west-2", nodes: 2 },
      ],
      services: [{ name: "server", clusters: { [cluster]: 1 }, concurrency: 64, serviceTime: { type: "constant", valueMs: 1 } }],
      requestTypes: [{ name: "get", entry: "server" }],
      load: { type: "open", arrival: "uniform", ratePerSec: RATE_PER_SEC, client: { node: 0, meshed: true } },
      ...(multiCluster ? { mesh: { multiCluster } } : {}),
    },
    "",
  );
}

/** front in east calls back, which has a replica in each cluster. */
function bothClusters() {
  return parseScenario(
    "clusters-balance-check",
    {
      name: "clusters-balance-check",
      clusters: [
        { name: "east", region: "us-east-1", nodes: 2 },
        { name: "west", region: "us-west-2", nodes: 2 },
      ],
      services: [
        { name: "front", clusters: { east: 1 }, concurrency: 64, serviceTime: { type: "exponential", meanMs: 0.5 } },
        { name: "back", clusters: { east: 1, west: 1 }, concurrency: 64, serviceTime: { type: "exponential", meanMs: 0.5 } },
      ],
      requestTypes: [{ name: "get", entry: "front", calls: [{ call: "back" }] }],
      load: { type: "open", ratePerSec: RATE_PER_SEC, client: { node: 0, meshed: true } },
    },
    "",
  );
}

async function simulate(scenario: ReturnType<typeof oneCall>, mesh: string, options: { workers?: number; seed?: number; keptPool?: KeptPool }): Promise<RunSummary> {
  const document = await runScenario(
    { scenario, meshes: [mesh], rates: [RATE_PER_SEC], durationS: DURATION_S, warmupS: 1, replications: 1, seed: options.seed ?? 1 },
    { workers: options.workers, keptPool: options.keptPool },
  );
  return document.runs[0];
}

/** Visits per request to every cluster's gateway (each request is one call to the other cluster). */
function gatewayPasses(run: RunSummary): number {
  return run.hops.filter((hop) => hop.station.startsWith("cluster-gateway/")).reduce((sum, hop) => sum + (hop.visitsPerRequest ?? 0), 0);
}
