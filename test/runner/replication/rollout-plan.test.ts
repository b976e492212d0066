/**
 * A rollout's new pods when machines are declared: each is bound where kube-scheduler finds room,
 * so a surge pod holds room (and runs its work) on its node while its old pod still runs; a surge
 * pod that fits on no node stays pending and the rollout waits, its old pods serving on.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { runScenario, type RunPlan, type RunSummary } from "../../../src/runner/index.js";

/** web and two api pods on two machines of `vcpuPerNode`; api's pods request `apiCpu`. */
async function run(vcpuPerNode: number, apiCpu: string, rollout: Record<string, unknown>, mesh = "none"): Promise<RunSummary> {
  const scenario = parseScenario(
    "rollout.yaml",
    {
      name: "rollout",
      cluster: { nodes: 2, vcpuPerNode, memoryGbPerNode: 8 },
      services: [
        { name: "web", concurrency: 16, serviceTime: { type: "exponential", meanMs: 1 } },
        { name: "api", replicas: 2, concurrency: 16, serviceTime: { type: "exponential", meanMs: 2 }, resources: { cpuRequest: apiCpu } },
      ],
      requestTypes: [{ name: "get", entry: "web", calls: [{ call: "api" }] }],
      load: { type: "open", ratePerSec: 200, durationS: 10, warmupS: 1, client: { node: 0, meshed: true } },
      timeline: [{ atS: 1, rollout: { service: "api", podStartupS: 2, ...rollout } }],
    },
    "0".repeat(64),
  );
  const plan: RunPlan = { scenario, meshes: [mesh], mtls: "permissive", rates: [200], durationS: 10, warmupS: 1, intervalS: 1, replications: 1, seed: 5 };
  return (await runScenario(plan, { workers: 1 })).runs[0];
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("a rollout's surge pods on declared machines", () => {
  it("hold room on their nodes while the old pods still run, and run there", async () => {
    // maxSurge 1, maxUnavailable 0: a third api pod from 1 s to 5 s (two waves of 2 s).
    const rolled = await run(4, "1", { maxSurge: 1, maxUnavailable: 0 });
    expect(rolled.requests.failed).toBe(0);
    expect(sum(rolled.nodes!.map((node) => node.cpuRequested))).toBeCloseTo((2 * 10 + 4) / 10, 3);
    // web, the load generator and two api pods, and the two new api pods, each on some node.
    expect(sum(rolled.nodes!.map((node) => node.pods))).toBe(6);
    expect(rolled.warnings.some((warning) => warning.includes("rollout of api"))).toBe(false);
  });

  it("leave the rollout waiting when a surge pod fits on no node: the old pods serve on and nothing fails", async () => {
    // 2-vCPU machines: one 1.2-vCPU api pod per node, no room for a third.
    const waiting = await run(2, "1200m", { maxSurge: 1, maxUnavailable: 0 });
    expect(waiting.requests.failed).toBe(0);
    expect(waiting.events).toContainEqual({ atS: 1, event: "rollout: api waits, 1 new pod pending: no node has room" });
    expect(waiting.warnings).toContain("rollout of api at 1 s: 1 new pod fits on no node (requests, allowed nodes) and stays pending; the rollout waits from 1 s, the pods it has not replaced keep running");
    // No new pod ran: the nodes hold the pods they started with, and their requests, all along.
    expect(sum(waiting.nodes!.map((node) => node.pods))).toBe(4);
    expect(sum(waiting.nodes!.map((node) => node.cpuRequested))).toBeCloseTo(2.4, 6);
  });

  it("go ahead when maxUnavailable lets an old pod stop first: its room takes the new pod", async () => {
    const rolled = await run(2, "1200m", { maxSurge: 0, maxUnavailable: 1 });
    expect(rolled.warnings.some((warning) => warning.includes("rollout of api"))).toBe(false);
    expect(sum(rolled.nodes!.map((node) => node.pods))).toBe(6);
    // Each new pod is bound the moment its old pod stops, in the room it leaves.
    expect(sum(rolled.nodes!.map((node) => node.cpuRequested))).toBeCloseTo(2.4, 6);
    expect(rolled.requests.failed).toBe(0);
  });
});
