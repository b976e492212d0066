// Node CPU load before simulating: apps, proxies, the load generator and idle containers on a
// node's cores; a node offered its cores or more is refused naming it, and below that the offered
// load matches the simulated one.

import { describe, expect, it } from "vitest";
import { OverloadError } from "../../../src/mesh/index.js";
import { parseScenario } from "../../../src/import/index.js";
import { prepareRun, runScenario, type RunPlan } from "../../../src/runner/index.js";

/** One app of 64 workers taking 1 ms of CPU per call, alone on one node of 1 vCPU. */
function onePlan(ratePerSec: number, meshes = ["none"]): RunPlan {
  const scenario = parseScenario("one.yaml", {
    name: "one",
    cluster: { nodes: 1, vcpuPerNode: 1 },
    services: [{ name: "a", serviceTime: { type: "constant", valueMs: 1 }, concurrency: 64 }],
    requestTypes: [{ name: "get", entry: "a" }],
    load: { type: "open", ratePerSec, client: { cpuMsPerRequest: 0.1 } },
  }, "");
  return { scenario, meshes, mtls: "off", rates: [ratePerSec], durationS: 2, warmupS: 0.5, replications: 1, seed: 3 };
}

describe("node load", () => {
  it("regression: refuses, before simulating, a node whose cores cannot keep up though every container can (it ran into the in-flight guard)", () => {
    let error: unknown;
    try {
      prepareRun(onePlan(2000));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OverloadError);
    expect((error as OverloadError).station).toBe("node-0");
    expect((error as Error).message).toBe(
      "one.yaml: overloaded at 2000 requests/s: node node-0 would be at least 220% busy (apps 2.00, proxies 0.00, load generator 0.20, idle 0.00 of its 1 vCPU; " +
        "queues grow without bound); lower the rate, or add nodes, or bigger ones (cluster.vcpuPerNode or cluster.machineType)",
    );
  });

  it("counts the mesh's proxies on the node", () => {
    // 800 requests/s: the app and load generator take 0.88 vCPU; Istio's two sidecars add about 0.3.
    expect(() => prepareRun(onePlan(800))).not.toThrow();
    expect(() => prepareRun(onePlan(800, ["istio"]))).toThrow(/node node-0 would be at least 1\d\d% busy \(apps 0\.80, proxies 0\.\d\d/);
  });

  /**
   * An autoscaled service of up to `maxReplicas` pods under Istio, on one node of 0.5 vCPU with room
   * for two of them (each asks 100m for its app and 100m for its sidecar): at 100 requests/s it needs
   * about 0.13 vCPU, and each sidecar idles at 0.003 vCPU once its pod exists.
   */
  function autoscaledPlan(maxReplicas: number): RunPlan {
    const scenario = parseScenario("scaled.yaml", {
      name: "scaled",
      cluster: { nodes: 1, vcpuPerNode: 0.5 },
      services: [{
        name: "a",
        serviceTime: { type: "constant", valueMs: 1 },
        concurrency: 8,
        resources: { cpuRequest: "100m" },
        autoscaling: { minReplicas: 1, maxReplicas, targetCpuUtilization: 70 },
      }],
      requestTypes: [{ name: "get", entry: "a" }],
      load: { type: "open", ratePerSec: 100 },
    }, "");
    return { scenario, meshes: ["istio"], mtls: "off", rates: [100], durationS: 2, warmupS: 0.5, replications: 1, seed: 3 };
  }

  it("regression: an autoscaled service's pods not created yet burn no idle CPU in the check (150 sidecars' 0.45 vCPU refused a run that fits)", async () => {
    expect(() => prepareRun(autoscaledPlan(150))).not.toThrow();
    const node = (await runScenario(autoscaledPlan(150), { workers: 1 })).runs[0].nodes![0];
    expect(node.cpuUtilization).toBeLessThan(0.5);
  });

  it("regression: an autoscaled service whose sidecars would together idle past the node's cores runs (it failed with an internal error building the node)", async () => {
    const node = (await runScenario(autoscaledPlan(200), { workers: 1 })).runs[0].nodes![0];
    expect(node.cpuUtilization).toBeLessThan(0.5);
  });

  it("regression: a node whose containers' idle CPU takes all its cores is refused naming it, for open and closed loads (it failed with an internal error)", () => {
    // cilium-agent idles at 0.003 vCPU on every node (CI3): a node of 0.003 vCPU runs nothing else.
    for (const load of [{ type: "open", ratePerSec: 1 }, { type: "closed", connections: 1, thinkTime: { type: "constant", valueMs: 10 } }]) {
      const scenario = parseScenario("tiny.yaml", {
        name: "tiny",
        cluster: { nodes: 1, vcpuPerNode: 0.003 },
        services: [{ name: "a", serviceTime: { type: "constant", valueMs: 1 }, concurrency: 2 }],
        requestTypes: [{ name: "get", entry: "a" }],
        load,
      }, "");
      const plan: RunPlan = { scenario, meshes: ["cilium"], mtls: "off", rates: [1], durationS: 2, warmupS: 0, replications: 1, seed: 3 };
      expect(() => prepareRun(plan)).toThrow(
        new OverloadError(
          "tiny.yaml: node node-0 is overloaded before any request: under cilium its containers' idle CPU alone (sidecars, node agents) is 0.003 vCPU of its 0.003 vCPU; use bigger nodes (cluster.vcpuPerNode or cluster.machineType)",
          "node-0",
          "cilium",
        ),
      );
    }
  });

  it("the offered load matches the node's simulated utilisation below saturation", async () => {
    const document = await runScenario(onePlan(600), { workers: 1 });
    const node = document.runs[0].nodes![0];
    const offered = (600 * 1 + 600 * 0.1) / 1000;
    expect(node.cpuUtilization).toBeGreaterThan(offered * 0.97);
    expect(node.cpuUtilization).toBeLessThan(offered * 1.03);
  });
});
