/**
 * Connection regimes checked against their expected cost: the same mTLS traffic with pooled
 * connections and with a new connection per request. With no keep-alive on opaque TCP, every
 * request pays TCP and TLS 1.3 round trips (TL3) and a resumed handshake at both sidecars (TL1
 * signatures only for the first, full one); pooled, a handshake is rare.
 */

import { runScenario, type KeptPool, type RunSummary } from "../runner/index.js";
import { loadMeshProfile, parseScenario } from "../scenario/index.js";
import { RESUMED_HANDSHAKE_CPU_MS } from "../mesh/index.js";
import { compareFigure, type ValidationRow } from "./validation-row.js";

/** One-way cross-node latency of the check's cluster, ms. */
const ONE_WAY_MS = 0.1;
const RATE_PER_SEC = 200;

/**
 * Runs the pooled and per-request regimes under Istio with strict mTLS and reports their rows.
 * @example (await runConnectionChecks({ workers: 2 })).every((row) => row.pass)
 */
export async function runConnectionChecks(options: { workers?: number; seed?: number; keptPool?: KeptPool } = {}): Promise<ValidationRow[]> {
  const pooled = await simulate(true, options);
  const perRequest = await simulate(false, options);
  const requests = perRequest.requests.completed;
  const group = "connections (TL1, TL3)";
  const istio = loadMeshProfile("istio");
  const security = istio.security!;
  // Per request: TCP + TLS 1.3 round trips (2 x 0.2 ms), and at the client and the server
  // sidecar a resumed handshake's CPU and the proxy's own work for a new connection
  // (connectionCpuMs), each on the request's path.
  const connectionMs = istio.dataPlane!.proxy!.connectionCpuMs ?? 0;
  const handshakeMs = security.sessionResumption ? RESUMED_HANDSHAKE_CPU_MS : 0;
  const expectedAddedMs = 2 * (2 * ONE_WAY_MS) + 2 * (handshakeMs + connectionMs);
  return [
    compareFigure(
      { group, check: "istio strict, opaque TCP, no keep-alive", metric: "handshakes per request", basis: "a new connection per request" },
      perRequest.connections.handshakesPerRequest,
      1,
      1,
    ),
    compareFigure(
      { group, check: "no keep-alive vs pooled", metric: "added mean ms", basis: "2 round trips + resumed handshake and connection set-up at both ends" },
      perRequest.latencyMs.mean - pooled.latencyMs.mean,
      expectedAddedMs,
      5,
    ),
    compareFigure(
      { group, check: "no keep-alive vs pooled", metric: "added CPU ms per request", basis: "resumed handshake and connection set-up at both sidecars" },
      // vCPU x measured milliseconds of all replications = CPU-ms, shared by every request.
      ((perRequest.resources.dataPlane.vcpu - pooled.resources.dataPlane.vcpu) * perRequest.durationS * 1000 * perRequest.replications) / requests,
      2 * (handshakeMs + connectionMs),
      5,
    ),
  ];
}

// --- internal ---

async function simulate(keepAlive: boolean, options: { workers?: number; seed?: number; keptPool?: KeptPool }): Promise<RunSummary> {
  const scenario = parseScenario(
    "connections-check",
    {
      name: "connections-check",
      cluster: { nodes: 2, network: { sameNodeRttMs: 0.04, crossNodeRttMs: 2 * ONE_WAY_MS } },
      services: [{ name: "db", kind: "db", serviceTime: { type: "exponential", meanMs: 0.2 }, concurrency: 64, nodes: [1] }],
      requestTypes: [{ name: "query", entry: "db" }],
      load: { type: "open", ratePerSec: RATE_PER_SEC, connections: 16, keepAlive, client: { node: 0, meshed: true }, requestBytes: 512, responseBytes: 512 },
    },
    "",
  );
  const document = await runScenario(
    { scenario, meshes: ["istio"], mtls: "strict", rates: [RATE_PER_SEC], durationS: 60, warmupS: 1, replications: 4, seed: options.seed ?? 1 },
    { workers: options.workers, keptPool: options.keptPool },
  );
  return document.runs[0];
}
