/**
 * Test helper: runs a scenario document for one replication under a synthetic sidecar mesh
 * whose proxies cost almost nothing and which supports every traffic feature, so what a test
 * sees is the traffic rules' effect.
 */

import type { MeshProfile, TrafficProfile } from "../../../src/mesh/index.js";
import { runReplication, type ReplicationResult } from "../../../src/runner/index.js";
import { parseScenario } from "../../../src/scenario/index.js";
import { constantProxy } from "../data-plane/_one-call.js";

export const ALL_FEATURES: TrafficProfile = {
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
};

/** A sidecar mesh with 1 us proxies and the given traffic block (all features, round robin, by default). */
export function trafficMesh(traffic: Partial<TrafficProfile> = {}): MeshProfile {
  return {
    id: "test-mesh",
    name: "test mesh",
    architecture: "sidecar",
    description: "",
    dataPlane: { proxy: { ...constantProxy(0.001), workers: 64 } },
    traffic: { ...ALL_FEATURES, ...traffic, defaults: { ...ALL_FEATURES.defaults, ...(traffic.defaults ?? {}) } },
  };
}

export const NO_MESH: MeshProfile = { id: "none", name: "none", architecture: "none", description: "" };

/** Runs `document` (a scenario) for one replication at `ratePerSec` under `profile`. */
export function runTraffic(document: object, profile: MeshProfile, ratePerSec: number, durationS = 20, seed = 7): ReplicationResult {
  const scenario = parseScenario("traffic.yaml", document, "");
  return runReplication({
    scenario,
    meshId: profile.id,
    profile,
    mtls: "off",
    ratePerSec,
    durationS,
    warmupS: 1,
    seed,
    loadPointKey: String(ratePerSec),
    replication: 0,
  });
}

/** Visits per measured request to a service's app replicas (all replicas). */
export function appVisits(result: ReplicationResult, service: string): number {
  return result.hops.filter((hop) => hop.station === `app/${service}`).reduce((sum, hop) => sum + hop.visits, 0);
}

/** Requests the window measured (completed and failed). */
export function measured(result: ReplicationResult): number {
  return result.requests.completed + result.requests.failed;
}
