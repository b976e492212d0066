/**
 * Test helper: runs a scenario document for one replication under a synthetic sidecar mesh
 * whose proxies cost almost nothing and which supports every traffic feature, so what a test
 * sees is the traffic rules' effect.
 */

import type { MeshProfile, TrafficProfile } from "../../../../src/mesh/index.js";
import { meshOfTask, runReplication, type ReplicationResult } from "../../../../src/runner/index.js";
import { parseScenario } from "../../../../src/import/index.js";
import { SYNTHETIC_TRAFFIC_MESH } from "../../../../src/validation/_synthetic-mesh.js";

/** The validation checks' synthetic mesh (1 us sidecars, every feature, round robin), with `traffic` changes. */
export function trafficMesh(traffic: Partial<TrafficProfile> = {}): MeshProfile {
  const base = SYNTHETIC_TRAFFIC_MESH.traffic!;
  return { ...SYNTHETIC_TRAFFIC_MESH, traffic: { ...base, ...traffic, defaults: { ...base.defaults, ...(traffic.defaults ?? {}) } } };
}

export const NO_MESH: MeshProfile = { id: "none", name: "none", architecture: "none", description: "" };

/** Runs `document` (a scenario) for one replication at `ratePerSec` under `profile`. */
export function runTraffic(document: object, profile: MeshProfile, ratePerSec: number, durationS = 20, seed = 7): ReplicationResult {
  const scenario = parseScenario("traffic.yaml", document, "");
  return runReplication({
    scenario,
    meshId: profile.id,
    profile,
    ...meshOfTask(profile, scenario, "off"),
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
