// supportedFeatures (the feature matrix of `meshsim meshes`) against the runtime: for every mesh
// and every simulated feature, a run that asks for the feature is accepted exactly when the
// matrix says yes. The regression: the matrix offered OSM and Cilium an ingress gateway that
// `run` refused.

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { SIMULATED_FEATURES, supportedFeatures, UnsupportedSettingError, type MtlsMode, type SimulatedFeature } from "../../../src/mesh/index.js";
import { checkMeshSettings, prepareRun } from "../../../src/runner/index.js";
import { loadMeshProfile, meshIds } from "../../../src/scenario/index.js";

/** front calls back; a rule or setting is added per feature. */
function scenarioDocument(): Record<string, any> {
  return {
    name: "features",
    services: [
      { name: "front", concurrency: 8, serviceTime: { type: "exponential", meanMs: 1 } },
      { name: "back", concurrency: 8, serviceTime: { type: "exponential", meanMs: 1 } },
      { name: "back-v2", concurrency: 8, serviceTime: { type: "exponential", meanMs: 1 } },
    ],
    requestTypes: [{ name: "get", entry: "front", calls: [{ call: "back" }] }],
    load: { type: "open", ratePerSec: 10, client: { meshed: true } },
  };
}

const rule = (extra: Record<string, unknown>, route: Record<string, unknown> = {}) => ({
  traffic: [{ host: "back", routes: [{ backends: [{ service: "back" }], ...route }], ...extra }],
});

/** Ways a run can ask for each feature; the runtime accepts the feature when any of them runs. */
const ASKS: Record<SimulatedFeature, Array<{ document?: Record<string, unknown>; mtls?: MtlsMode; serviceMtls?: boolean }>> = {
  mtls: [{ mtls: "strict" }, { mtls: "permissive" }],
  mtlsPerService: [{ serviceMtls: true }],
  authorizationPolicy: [{ document: { policies: [{ to: "back", allowFrom: ["front"] }] } }],
  l7Policy: [{ document: { policies: [{ to: "back", allowFrom: ["front"], l7: true }] } }],
  ingressGateway: [{ document: { load: { type: "open", ratePerSec: 10, ingress: "gateway" } } }],
  trafficSplit: [{ document: rule({}, { backends: [{ service: "back", weight: 9 }, { service: "back-v2", weight: 1 }] }) }],
  headerRouting: [{ document: { traffic: [{ host: "back", routes: [{ match: { headers: { x: "y" } }, backends: [{ service: "back-v2" }] }, { backends: [{ service: "back" }] }] }] } }],
  retries: [{ document: rule({}, { retries: { attempts: 2 } }) }],
  retryBudget: [{ document: rule({ retryBudget: { ratio: 0.2 } }) }],
  timeouts: [{ document: rule({}, { timeoutMs: 500 }) }],
  circuitBreaking: [{ document: rule({ circuitBreaker: { maxConnections: 10 } }) }],
  outlierDetection: [{ document: rule({ outlierDetection: { consecutive5xx: 5 } }) }],
  rateLimit: [{ document: rule({ rateLimit: { requestsPerSecond: 100 } }) }],
  faultInjectionAbort: [{ document: rule({}, { fault: { abort: { percent: 1 } } }) }],
  faultInjectionDelay: [{ document: rule({}, { fault: { delay: { percent: 1, fixedDelayMs: 5 } } }) }],
  loadBalancing: ["round-robin", "random", "least-request", "ewma"].map((loadBalancer) => ({ document: rule({ loadBalancer }) })),
  nodeEncryption: [{ document: { mesh: { encryption: "wireguard" } } }, { document: { mesh: { encryption: "ipsec" } } }],
  multiCluster: [
    {
      document: {
        clusters: [
          { name: "east", region: "us-east-1" },
          { name: "west", region: "us-west-2" },
        ],
      },
    },
  ],
};

const PROFILES = new Map(meshIds().map((id) => [id, loadMeshProfile(id)]));

/**
 * Whether `meshsim run` would accept the ask under `mesh`: checkMeshSettings is the check
 * prepareRun makes for every mesh of a run (the first case below goes through prepareRun itself).
 */
function runAccepts(mesh: string, ask: (typeof ASKS)[SimulatedFeature][number]): boolean {
  const document = { ...scenarioDocument(), ...ask.document };
  const profile = PROFILES.get(mesh)!;
  const modes = profile.security?.mtlsModes ?? ["off"];
  if (ask.serviceMtls) {
    if (modes.length < 2) return false;
    document.services[1].mtls = modes[1];
  }
  const scenario = parseScenario("features.yaml", document, "0".repeat(64));
  try {
    const plan = { scenario, meshes: [mesh], mtls: ask.serviceMtls ? modes[0] : ask.mtls, rates: [10], durationS: 1, warmupS: 0, replications: 1, seed: 1 };
    checkMeshSettings(plan, profile, [...PROFILES.values()]);
    return true;
  } catch (error) {
    if (error instanceof UnsupportedSettingError) return false;
    throw error;
  }
}

describe("supportedFeatures", () => {
  const meshed = meshIds().filter((id) => id !== "none");

  it.each(meshed)("%s: every simulated feature agrees with what a run accepts", (mesh) => {
    const supported = supportedFeatures(loadMeshProfile(mesh));
    const accepted = Object.fromEntries(SIMULATED_FEATURES.map((feature) => [feature, ASKS[feature].some((ask) => runAccepts(mesh, ask))]));
    expect(supported).toEqual(accepted);
  });

  it("prepareRun refuses what the matrix says no to (the same check as above, through a whole run's preparation)", () => {
    const scenario = parseScenario("features.yaml", { ...scenarioDocument(), load: { type: "open", ratePerSec: 10, ingress: "gateway" } }, "0".repeat(64));
    const plan = (mesh: string) => ({ scenario, meshes: [mesh], rates: [10], durationS: 1, warmupS: 0, replications: 1, seed: 1 });
    expect(() => prepareRun(plan("osm"))).toThrow(UnsupportedSettingError);
    expect(() => prepareRun(plan("istio"))).not.toThrow();
  });

  it.each(["osm", "cilium", "linkerd2"])("regression: %s has no ingress gateway of its own, and the matrix says so", (mesh) => {
    expect(supportedFeatures(loadMeshProfile(mesh)).ingressGateway).toBe(false);
  });

  it("the baseline supports nothing", () => {
    expect(Object.values(supportedFeatures(loadMeshProfile("none"))).every((value) => value === false)).toBe(true);
  });
});
