/**
 * The timeline's pod events planned in time order over one state: each new pod a replica after the
 * scenario's, on the node the scheduler gives it; a later event sees the pods the earlier ones left.
 */

import { describe, expect, it } from "vitest";
import { planTasks } from "../../../src/runner/index.js";
import { podTimeline } from "../../../src/runner/replication/pod-timeline.js";
import { timelineTopology } from "../../../src/runner/replication/schedule-timeline.js";
import { loadMeshProfile, parseScenario } from "../../../src/scenario/index.js";

/** api's two pods on four nodes (web on node 0), with `timeline`, planned under no mesh. */
function taskOf(timeline: unknown[], cluster: Record<string, unknown> = {}) {
  const scenario = parseScenario("pods.yaml", {
    name: "pods",
    cluster: { nodes: 4, ...cluster },
    services: [
      { name: "web", replicas: 1, nodes: [0], serviceTime: { type: "exponential", meanMs: 1 } },
      { name: "api", replicas: 2, nodes: [1, 2, 3], serviceTime: { type: "exponential", meanMs: 1 } },
    ],
    requestTypes: [{ name: "r", entry: "web", calls: [{ call: "api" }] }],
    load: { type: "open", ratePerSec: 10, durationS: 200, client: { node: 0 } },
    timeline,
  }, "0");
  return planTasks({ scenario, meshes: ["none"], rates: [10], durationS: 200, warmupS: 0, replications: 1, seed: 1 }, new Map([["none", loadMeshProfile("none")]]))[0];
}

describe("podTimeline", () => {
  it("replaces a pod lost twice by a new pod each time, in the same slot, onto the nodes still up", () => {
    const task = taskOf([
      { atS: 0, nodeDown: { node: 1, tolerationSeconds: 0 } },
      { atS: 60, nodeDown: { node: 2, tolerationSeconds: 0 } },
    ]);
    const planned = podTimeline(task);
    expect(task.mesh.placement.services[1]).toEqual([1, 2]);
    // Without machines the first node up it may run on: api[0] to node 2 at 50 s (as api[2]);
    // node 2 lost at 60 s takes api[2] (slot 0) and api[1] (slot 1) to node 3 at 110 s.
    expect(planned.created[1].map((pod) => [pod.replica, pod.slot, pod.node, pod.createdAtS])).toEqual([
      [2, 0, 2, 50],
      [3, 0, 3, 110],
      [4, 1, 3, 110],
    ]);
    expect(planned.failures[1].pods).toEqual([
      { service: 1, replica: 2, rescheduledTo: 3, replacement: 3 },
      { service: 1, replica: 1, rescheduledTo: 3, replacement: 4 },
    ]);
    expect([...planned.removedAtS]).toEqual([["1/0", 50], ["1/2", 110], ["1/1", 110]]);
    expect(timelineTopology(task).services[1].replicas).toBe(5);
  });

  it("leaves the network as it is when no eviction falls within the run", () => {
    const task = taskOf([{ atS: 0, nodeDown: { node: 1 } }]);
    task.durationS = 100;
    const planned = podTimeline(task);
    expect(planned.created[1]).toEqual([]);
    expect(planned.failures[0].pods).toEqual([{ service: 1, replica: 0, rescheduledTo: 2, replacement: undefined }]);
    expect(timelineTopology(task).services[1].replicas).toBe(2);
  });

  it("rolls out the pods each slot has then: a pod an eviction created is replaced in its turn", () => {
    const task = taskOf(
      [
        { atS: 0, nodeDown: { node: 1, tolerationSeconds: 0 } },
        { atS: 100, rollout: { service: "api", maxSurge: 1, maxUnavailable: 0, podStartupS: 5 } },
      ],
      { vcpuPerNode: 4, memoryGbPerNode: 8 },
    );
    const { created, rollouts } = podTimeline(task);
    // api[2] replaced api[0] at 50 s; the rollout stops it and api[1], one wave each.
    expect(rollouts[0].stops.map((stop) => stop.replica).sort()).toEqual([1, 2]);
    expect(rollouts[0].starts.map((start) => start.readyAfterMs)).toEqual([5000, 10000]);
    expect(created[1].map((pod) => pod.replica)).toEqual([2, 3, 4]);
    expect(created[1].every((pod) => pod.node !== 1)).toBe(true);
  });
});
