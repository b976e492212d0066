/**
 * Every mesh profile runs on every built-in scenario, and what each architecture deploys shows
 * up in the results: sidecars per meshed pod, agents and ztunnels per node, no proxy for eBPF;
 * the hop groups each data plane puts on the path; and a floor under the latency each mesh adds
 * that follows from its profile's per-pass costs on the call every request makes.
 */

import { beforeAll, describe, expect, it } from "vitest";
import { dropInexpressibleMeshes, runScenario, type RunSummary, type SkippedMesh } from "../../src/runner/index.js";
import { loadScenario } from "../../src/import/index.js";
import { builtInScenarioNames, loadMeshProfile, meshIds, type Scenario } from "../../src/scenario/index.js";
import type { MeshProfile } from "../../src/mesh/index.js";

/** Standard errors of a sample mean a floor allows for (a seeded run is fixed; 5 keeps the floor honest, not lucky). */
const STANDARD_ERRORS = 5;
/** What two means rounded to 4 decimals (summarize-run's round) may lose in a difference. */
const ROUNDING_MS = 1e-4;

describe.each(builtInScenarioNames())("built-in scenario %s", (name) => {
  const scenario = loadScenario(name);
  const profiles = new Map(meshIds().map((id) => [id, loadMeshProfile(id)]));
  let byMesh: Map<string, RunSummary>;
  let skipped: SkippedMesh[];

  beforeAll(async () => {
    // As `--mesh all` plans it: a mesh whose proxies cannot carry the scenario's load is left out.
    const plan = dropInexpressibleMeshes({ scenario, meshes: meshIds(), rates: [scenario.load.ratePerSec], durationS: 1, warmupS: 0.2, replications: 1, seed: 3 });
    skipped = plan.skippedMeshes ?? [];
    const document = await runScenario(plan, { workers: 1 });
    byMesh = new Map(document.runs.map((run) => [run.mesh, run]));
  });

  it("runScenario(every mesh) gives one run per mesh that can carry the load, each completing what no mesh completes, with costs where the mesh has a data plane", () => {
    // Only an overloaded proxy leaves a mesh out (Traefik Mesh's 200m node proxy at emojivoto's 2000 requests/s).
    for (const skip of skipped) expect(skip.reason, skip.mesh).toMatch(/^overloaded at \d+ requests\/s: proxy \S+ \(\S+\) would /);
    expect([...byMesh.keys()].sort()).toEqual(meshIds().filter((id) => !skipped.some((skip) => skip.mesh === id)).sort());
    const baseline = byMesh.get("none")!;
    for (const run of byMesh.values()) {
      expect(run.requests.completed, run.mesh).toBe(baseline.requests.completed);
      expect(run.requests.failed, run.mesh).toBe(0);
      if (run.mesh === "none") continue;
      expect(run.resources.dataPlane.vcpu, run.mesh).toBeGreaterThan(0);
      // Linkerd 1 runs without a control plane by default (namerd is optional).
      if (run.mesh !== "linkerd1") expect(run.resources.controlPlane.memoryMb, run.mesh).toBeGreaterThan(0);
      // A mesh adds work to every request: its mean can only grow with common random numbers.
      expect(run.latencyMs.mean, run.mesh).toBeGreaterThan(baseline.latencyMs.mean);
    }
  });

  it("runScenario(every mesh) counts a proxy per meshed pod for sidecars, one per node for agents and ztunnels, none for eBPF", () => {
    const nodes = scenario.topology.cluster.nodes;
    expect(byMesh.get("istio-ambient")!.resources.dataPlane.proxies).toBe(nodes);
    expect(byMesh.get("linkerd1")!.resources.dataPlane.proxies).toBe(nodes);
    expect(byMesh.get("cilium")!.resources.dataPlane.proxies).toBe(0);
    const meshedPods = scenario.topology.services.filter((s) => s.meshed && !s.external).reduce((sum, s) => sum + s.replicas, 0);
    expect(byMesh.get("istio")!.resources.dataPlane.proxies).toBe(meshedPods + (scenario.load.client.meshed ? 1 : 0));
  });

  it("runScenario(every mesh) reports exactly the hop groups each architecture puts on the path", () => {
    for (const run of byMesh.values()) {
      const groups = run.hops.map((hop) => hop.station);
      expect(new Set(groups).size, run.mesh).toBe(groups.length);
      expect([...groups].sort(), run.mesh).toEqual(expectedHopGroups(scenario, profiles.get(run.mesh)!).sort());
    }
  });

  it("runScenario(cilium) charges each kernel hook pass the profile's perRequestUs of CPU, with no queue (only the node's shared cores can stretch it)", () => {
    const perPassMs = profiles.get("cilium")!.dataPlane!.kernel!.perRequestUs / 1000;
    const run = byMesh.get("cilium")!;
    const hooks = run.hops.filter((hop) => hop.station.startsWith("kernel/") && hop.visitsPerRequest > 0);
    expect(hooks.length).toBeGreaterThan(0);
    for (const hook of hooks) {
      expect(hook.waitMs, hook.station).toBe(0);
      if (scenario.topology.cluster.machine === undefined) expect(hook.serviceMs, hook.station).toBe(perPassMs);
      else expect(hook.serviceMs, hook.station).toBeGreaterThanOrEqual(perPassMs);
    }
  });

  it("runScenario(every mesh) makes no mTLS handshake in a run whose mTLS mode is off", () => {
    const offRuns = [...byMesh.values()].filter((run) => run.mtls === "off");
    // none, and the meshes whose default is off (Kuma, Linkerd 1, Traefik Mesh, Cilium).
    expect(offRuns.map((run) => run.mesh).sort()).toEqual(meshIds().filter((id) => byMesh.has(id) && (profiles.get(id)!.defaults?.mtls ?? "off") === "off").sort());
    for (const run of offRuns) expect(run.connections.handshakes, run.mesh).toBe(0);
  });

  it("runScenario(every mesh) adds to the mean latency at least what the mesh puts on the entry call every request makes", () => {
    const baseline = byMesh.get("none")!;
    for (const run of byMesh.values()) {
      if (run.mesh === "none") continue;
      const floor = entryCallFloorMs(scenario, profiles.get(run.mesh)!, run);
      expect(floor, run.mesh).toBeGreaterThan(0);
      // Both means are rounded to 1e-4 ms in the summary.
      expect(run.latencyMs.mean - baseline.latencyMs.mean, run.mesh).toBeGreaterThanOrEqual(floor - ROUNDING_MS);
    }
  });
});

// --- internal ---

/** Built-in scenarios use none of the options that change the data plane's shape; the helpers below assume so. */
function assertPlainDataPlane(scenario: Scenario): void {
  expect(scenario.mesh.l7, "mesh.l7 adds waypoints and node Envoys").toBe(false);
  expect(scenario.mesh.encryption, "node encryption adds stations").toBe("none");
  expect(scenario.load.ingress, "an ingress gateway replaces the client's proxy").toBe("direct");
  expect(scenario.topology.l7Policies ?? [], "L7 policies add L7 proxies").toEqual([]);
}

/** Hop groups, from the architecture: apps and externals, then the data plane's stations (sidecar.ts, node-agent.ts, ambient.ts, ebpf.ts). */
function expectedHopGroups(scenario: Scenario, profile: MeshProfile): string[] {
  assertPlainDataPlane(scenario);
  const { services, cluster } = scenario.topology;
  const apps = services.map((service) => `${service.external ? "external" : "app"}/${service.name}`);
  const perNode = (prefix: string) => Array.from({ length: cluster.nodes }, (_, node) => `${prefix}/node-${node}`);
  switch (profile.architecture) {
    case "none":
      return apps;
    case "sidecar":
      return [
        ...apps,
        ...(scenario.load.client.meshed ? ["sidecar/load-generator"] : []),
        ...services.filter((service) => service.meshed && !service.external).map((service) => `sidecar/${service.name}`),
      ];
    case "node-agent":
      return [...apps, ...perNode("agent")];
    case "ambient":
      return [...apps, ...perNode("ztunnel")];
    case "ebpf":
      return [...apps, ...perNode("kernel")];
  }
}

/**
 * A floor under the mean latency a mesh adds, from its profile: the passes, redirects and
 * pod-to-agent hops it puts on each request type's entry call (load generator -> entry service,
 * request and response), which is on the critical path of every request, weighted by the run's
 * request mix. Everything deeper in the call tree only adds to it. Deterministic parts count in
 * full; the lognormal pass times count their mean less STANDARD_ERRORS standard errors of the
 * mean over all the run's entry passes.
 */
function entryCallFloorMs(scenario: Scenario, profile: MeshProfile, run: RunSummary): number {
  assertPlainDataPlane(scenario);
  const { services, cluster } = scenario.topology;
  const plane = profile.dataPlane!;
  const redirectMs = plane.redirectMsPerPass ?? 0;
  const completed = run.requests.completed;
  let deterministicMs = 0;
  let passMeanMs = 0;
  let passVariance = 0;
  for (const type of scenario.topology.requestTypes) {
    const count = run.byRequestType[type.name].requests.completed;
    const share = count / completed;
    const entry = services.find((service) => service.name === type.root.service)!;
    const serverEnd = entry.meshed && !entry.external;
    if (profile.architecture === "ebpf") {
      // A kernel hook on the client's node and on the entry pod's node, each way, at a constant cost.
      deterministicMs += share * (entry.external ? 2 : 4) * (plane.kernel!.perRequestUs / 1000);
      continue;
    }
    const proxy = plane.proxy!;
    // Ztunnels carry every protocol; sidecars and agents only the ones they intercept (profile
    // cost above 0); Traefik Mesh's agents only on the client's side.
    const intercepts = profile.architecture === "ambient" || proxy.pathMsPerPass[entry.protocol] > 0 || proxy.cpuMsPerRequest[entry.protocol] > 0;
    const clientProxy = scenario.load.client.meshed && intercepts;
    const serverProxy = serverEnd && intercepts && !(profile.architecture === "node-agent" && plane.agentHops === "client");
    // Each proxy end is passed by the request and by the response.
    const passes = 2 * ((clientProxy ? 1 : 0) + (serverProxy ? 1 : 0));
    // Node agents are reached over the node's own network: half a same-node round trip each way.
    const agentHopMs = profile.architecture === "node-agent" ? cluster.sameNodeRttMs / 2 : 0;
    const meanMs = proxy.pathMsPerPass[entry.protocol];
    deterministicMs += share * passes * (redirectMs + agentHopMs);
    passMeanMs += share * passes * meanMs;
    // The mean over all requests of the sum of their entry passes: count x passes draws of sd cv x mean, over completed.
    passVariance += (count * passes * (proxy.pathCv * meanMs) ** 2) / completed ** 2;
  }
  return deterministicMs + Math.max(0, passMeanMs - STANDARD_ERRORS * Math.sqrt(passVariance));
}
