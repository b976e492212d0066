/**
 * The mesh the traffic checks run under: a sidecar mesh whose proxies take 1 us per pass and
 * which can express every traffic rule, with neutral defaults (round robin, no retries,
 * timeouts, budgets or limits), so a check sees its rule's effect and no mesh's defaults.
 */

import type { MeshProfile, ProtocolTable } from "../mesh/index.js";

const PROXY_PASS_MS = 0.001;

export const SYNTHETIC_TRAFFIC_MESH: MeshProfile = {
  id: "synthetic-traffic",
  name: "synthetic mesh for the traffic checks",
  architecture: "sidecar",
  description: "1 us sidecars that apply every traffic rule; defaults: round robin, nothing else",
  dataPlane: {
    proxy: {
      implementation: "synthetic",
      // Enough workers that a proxy never queues: the checks are about the rules, not proxy cost.
      workers: 64,
      pathMsPerPass: everyProtocol(PROXY_PASS_MS),
      pathCv: 0,
      cpuMsPerRequest: everyProtocol(2 * PROXY_PASS_MS),
      cpuMsPerKiB: 0,
      memory: { baseMb: 10, perConnectionKb: 0, perEndpointKb: 0 },
    },
  },
  traffic: {
    needsL7: false,
    supports: {
      split: true,
      headerRouting: true,
      retries: true,
      retryBudget: true,
      timeouts: true,
      circuitBreaking: true,
      outlierDetection: true,
      rateLimit: true,
      faultAbort: true,
      faultDelay: true,
    },
    loadBalancers: ["round-robin", "random", "least-request", "ewma"],
    faultInjectionAt: "client",
    defaults: { loadBalancer: "round-robin" },
  },
};

// --- internal ---

function everyProtocol(value: number): ProtocolTable {
  return { http1: value, http2: value, grpc: value, tcp: value };
}
