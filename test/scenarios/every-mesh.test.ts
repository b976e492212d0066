/**
 * Every mesh profile runs on every built-in scenario, and what each architecture deploys shows
 * up in the results: sidecars per meshed pod, agents and ztunnels per node, no proxy for eBPF.
 */

import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/runner/index.js";
import { loadScenario } from "../../src/import/index.js";
import { builtInScenarioNames, meshIds } from "../../src/scenario/index.js";

describe.each(builtInScenarioNames())("built-in scenario %s", (name) => {
  it("runs under every mesh with costs where the mesh has a data plane", async () => {
    const scenario = loadScenario(name);
    const document = await runScenario(
      { scenario, meshes: meshIds(), rates: [scenario.load.ratePerSec], durationS: 1, warmupS: 0.2, replications: 1, seed: 3 },
      { workers: 1 },
    );
    const byMesh = new Map(document.runs.map((run) => [run.mesh, run]));
    expect([...byMesh.keys()].sort()).toEqual([...meshIds()].sort());
    const baseline = byMesh.get("none")!;
    for (const run of document.runs) {
      expect(run.requests.completed, run.mesh).toBe(baseline.requests.completed);
      if (run.mesh === "none") continue;
      expect(run.resources.dataPlane.vcpu, run.mesh).toBeGreaterThan(0);
      // Linkerd 1 runs without a control plane by default (namerd is optional).
      if (run.mesh !== "linkerd1") expect(run.resources.controlPlane.memoryMb, run.mesh).toBeGreaterThan(0);
      // A mesh adds work to every request: its mean can only grow with common random numbers.
      expect(run.latencyMs.mean, run.mesh).toBeGreaterThan(baseline.latencyMs.mean);
    }
    const nodes = scenario.topology.cluster.nodes;
    expect(byMesh.get("istio-ambient")!.resources.dataPlane.proxies).toBe(nodes);
    expect(byMesh.get("linkerd1")!.resources.dataPlane.proxies).toBe(nodes);
    expect(byMesh.get("cilium")!.resources.dataPlane.proxies).toBe(0);
    const meshedPods = scenario.topology.services.filter((s) => s.meshed && !s.external).reduce((sum, s) => sum + s.replicas, 0);
    expect(byMesh.get("istio")!.resources.dataPlane.proxies).toBe(meshedPods + (scenario.load.client.meshed ? 1 : 0));
  });
});
