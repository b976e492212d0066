/**
 * A lost node that carried the load generator, ingress gateway replicas or waypoint replicas: the
 * model keeps them at work there, and the run's warnings say so, naming what was on it.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { runScenario, type RunPlan } from "../../../src/runner/index.js";

/** web on 4 nodes, the load generator on node 0, entering through the mesh's ingress gateway (2 replicas, from node 0 on). */
function plan(timeline: unknown[], mesh: string, durationS = 4): RunPlan {
  const scenario = parseScenario(
    "lost.yaml",
    {
      name: "lost",
      cluster: { nodes: 4 },
      services: [{ name: "web", replicas: 4, concurrency: 8, serviceTime: { type: "exponential", meanMs: 1 } }],
      requestTypes: [{ name: "get", entry: "web" }],
      load: { type: "open", ratePerSec: 100, durationS, ingress: "gateway", client: { node: 0 } },
      mesh: { gatewayReplicas: 2, waypointReplicas: 2, l7: true },
      timeline,
    },
    "0".repeat(64),
  );
  return { scenario, meshes: [mesh], rates: [100], durationS, warmupS: 0, replications: 1, seed: 1 };
}

const lostWarnings = async (timeline: unknown[], mesh: string, durationS?: number) =>
  (await runScenario(plan(timeline, mesh, durationS), { workers: 1 })).runs[0].warnings.filter((warning) => warning.includes("the model keeps sending"));

describe("lost forwarder warnings", () => {
  it("name the load generator and the ingress gateway replica on a lost node", async () => {
    expect(await lostWarnings([{ atS: 1, nodeDown: { node: 0 } }], "istio")).toEqual([
      "node 0 went down at 1 s with the load generator (load.client.node 0) and 1 of the ingress gateway's 2 replicas on it; the model keeps sending and forwarding from there, where on a real cluster nothing on a lost node does",
    ]);
  });

  it("name a waypoint replica (Istio ambient places them from the last node down)", async () => {
    expect(await lostWarnings([{ atS: 1, nodeDown: { node: 3 } }], "istio-ambient")).toEqual([
      "node 3 went down at 1 s with 1 of the waypoint's 2 replicas on it; the model keeps sending and forwarding from there, where on a real cluster nothing on a lost node does",
    ]);
  });

  it("say nothing for a node that carries none of them, or a loss after the run", async () => {
    expect(await lostWarnings([{ atS: 1, nodeDown: { node: 2 } }], "istio")).toEqual([]);
    expect(await lostWarnings([{ atS: 10, nodeDown: { node: 0 } }], "istio")).toEqual([]);
  });
});
