/**
 * schedulePods: kube-scheduler's default profile to a first order. Spreading of one group's replicas,
 * the NodeResourcesFit filter, BalancedAllocation between equally free nodes, DaemonSet pods taking
 * room first, pinned pods, and the one-line UnschedulableError.
 */

import { describe, expect, it } from "vitest";
import { UnschedulableError, schedulePods, type PodToSchedule, type SchedulingRequest } from "../../src/cluster/index.js";

const pod = (group: string, index: number, cpuRequest: number, memoryRequestMb: number, extra: Partial<PodToSchedule> = {}): PodToSchedule => ({
  group,
  name: `${group}-${index}`,
  cpuRequest,
  memoryRequestMb,
  ...extra,
});

const replicas = (group: string, count: number, cpuRequest: number, memoryRequestMb: number): PodToSchedule[] =>
  Array.from({ length: count }, (_, index) => pod(group, index, cpuRequest, memoryRequestMb));

/** The UnschedulableError `request` throws; fails the test if it throws anything else or nothing. */
function unschedulableOf(request: SchedulingRequest): UnschedulableError {
  try {
    schedulePods(request);
  } catch (error) {
    expect(error).toBeInstanceOf(UnschedulableError);
    expect((error as Error).message).not.toMatch(/[\r\n]/);
    return error as UnschedulableError;
  }
  throw new Error("expected an UnschedulableError, but nothing was thrown");
}

const large = { vcpu: 8, memoryMb: 32_768 };

describe("schedulePods: spreading", () => {
  it("schedulePods(3 replicas of one group on 3 empty nodes) puts one on each node", () => {
    expect(schedulePods({ nodeCount: 3, allocatable: large, pods: replicas("web", 3, 0.1, 64) }).podNodes).toEqual([0, 1, 2]);
  });

  it("schedulePods(5 replicas on 2 nodes) alternates, ties going to the lowest node", () => {
    expect(schedulePods({ nodeCount: 2, allocatable: large, pods: replicas("web", 5, 0.1, 64) }).podNodes).toEqual([0, 1, 0, 1, 0]);
  });

  it("schedulePods(pods without requests) still spreads them: scoring counts them as 0.1 vCPU and 200 MB", () => {
    expect(schedulePods({ nodeCount: 3, allocatable: large, pods: replicas("web", 3, 0, 0) }).podNodes).toEqual([0, 1, 2]);
  });

  it("schedulePods(a second group) fills the nodes the first group left emptiest", () => {
    const pods = [...replicas("big", 2, 2, 4096), ...replicas("small", 1, 0.1, 64)];
    expect(schedulePods({ nodeCount: 3, allocatable: large, pods }).podNodes).toEqual([0, 1, 2]);
  });

  it("schedulePods(a replica where the group's pods sit and an emptier node with none) keeps the group apart", () => {
    // Node 0 holds a 1-vCPU pod of another group; the group's first replica went to node 1: the second
    // replica goes to node 0 (topology spread, weight 2) though node 2 is emptier.
    const pods = [pod("db", 0, 1, 1024, { nodes: [0] }), pod("web", 0, 0.5, 512, { nodes: [1] }), pod("web", 1, 0.5, 512, { nodes: [0, 1] })];
    expect(schedulePods({ nodeCount: 3, allocatable: large, pods }).podNodes).toEqual([0, 1, 0]);
  });
});

describe("schedulePods: zone spreading (the zone default constraint)", () => {
  it("schedulePods(2 replicas, 3 nodes in zone 0 and 1 in zone 1) puts the second in the other zone", () => {
    const request = { nodeCount: 4, allocatable: large, pods: replicas("web", 2, 0.1, 64) };
    expect(schedulePods(request).podNodes).toEqual([0, 1]);
    expect(schedulePods({ ...request, nodeZone: [0, 0, 0, 1] }).podNodes).toEqual([0, 3]);
  });

  it("schedulePods(6 replicas on 6 nodes in 3 zones) gives each zone two", () => {
    const nodeZone = [0, 0, 1, 1, 2, 2];
    const { podNodes } = schedulePods({ nodeCount: 6, allocatable: large, pods: replicas("web", 6, 0.1, 64), nodeZone });
    const perZone = [0, 0, 0];
    for (const node of podNodes) perZone[nodeZone[node]]++;
    expect(perZone).toEqual([2, 2, 2]);
    expect(new Set(podNodes).size).toBe(6);
  });
});

describe("schedulePods: fitting (NodeResourcesFit)", () => {
  const small = { vcpu: 1, memoryMb: 2048 };

  it("schedulePods(pods that each need most of a node) gives each its own node", () => {
    const pods = [pod("a", 0, 0.8, 256), pod("b", 0, 0.8, 256)];
    expect(schedulePods({ nodeCount: 2, allocatable: small, pods }).podNodes).toEqual([0, 1]);
  });

  it("schedulePods(a pod that fits only where another group already is) puts it there, spreading or not", () => {
    const pods = [pod("a", 0, 0.9, 256), pod("b", 0, 0.2, 1024), pod("b", 1, 0.2, 1024)];
    // b-0 goes to the empty node 1; b-1 would spread to node 0 but only fits on node 1.
    expect(schedulePods({ nodeCount: 2, allocatable: small, pods }).podNodes).toEqual([0, 1, 1]);
  });

  it("schedulePods(a pod whose memory request fits nowhere) throws though CPU is free", () => {
    const error = unschedulableOf({ nodeCount: 2, allocatable: small, pods: [pod("cache", 0, 0.1, 4096)] });
    expect(error.message).toBe("pod cache-0 (requests 0.1 vCPU, 4 GB) fits on no node: the most any node has left is 1 vCPU, 2 GB");
  });

  it("schedulePods(a pod without requests on a full node) places it: a zero request always fits", () => {
    const pods = [pod("a", 0, 1, 2048), pod("b", 0, 0, 0)];
    expect(schedulePods({ nodeCount: 1, allocatable: small, pods }).podNodes).toEqual([0, 0]);
  });

  it("schedulePods(...) reports what each node has requested, daemons included", () => {
    const schedule = schedulePods({
      nodeCount: 2,
      allocatable: small,
      daemons: [{ name: "agent", cpuRequest: 0.1, memoryRequestMb: 128 }],
      pods: [pod("a", 0, 0.5, 256)],
    });
    expect(schedule.requested).toEqual([
      { vcpu: 0.6, memoryMb: 384 },
      { vcpu: 0.1, memoryMb: 128 },
    ]);
  });
});

describe("schedulePods: balanced allocation", () => {
  const node = { vcpu: 4, memoryMb: 4096 };

  it.each([
    { balancedFirst: true, expected: 0 },
    { balancedFirst: false, expected: 1 },
  ])("schedulePods(two equally free nodes, one balanced) prefers the node where CPU and memory stay balanced (balanced node first: $balancedFirst)", ({ balancedFirst, expected }) => {
    // Both nodes end up 50% free on average (LeastAllocated ties); on the balanced one CPU and memory
    // are both at 50%, on the other 70% and 30%.
    const even = pod("even", 0, 1, 1024, { nodes: [balancedFirst ? 0 : 1] });
    const cpuHeavy = pod("cpu-heavy", 0, 1.8, 205, { nodes: [balancedFirst ? 1 : 0] });
    const pods = [even, cpuHeavy, pod("new", 0, 1, 1024)];
    expect(schedulePods({ nodeCount: 2, allocatable: node, pods }).podNodes[2]).toBe(expected);
  });
});

describe("schedulePods: daemons and pinned pods", () => {
  it("schedulePods(daemons) takes their room on every node first", () => {
    const request = {
      nodeCount: 2,
      allocatable: { vcpu: 1, memoryMb: 2048 },
      daemons: [{ name: "ztunnel", cpuRequest: 0.5, memoryRequestMb: 512 }],
      pods: [pod("web", 0, 0.6, 128)],
    };
    expect(unschedulableOf(request).message).toBe("pod web-0 (requests 0.6 vCPU, 128 MB) fits on no node: the most any node has left is 0.5 vCPU, 1.5 GB");
    expect(schedulePods({ ...request, daemons: [] }).podNodes).toEqual([0]);
  });

  it("schedulePods(a daemon larger than a node) throws naming the daemon", () => {
    const request = { nodeCount: 3, allocatable: { vcpu: 0.94, memoryMb: 2780 }, daemons: [{ name: "cilium-envoy", cpuRequest: 1, memoryRequestMb: 256 }], pods: [] };
    const error = unschedulableOf(request);
    expect(error.pod).toBe("cilium-envoy");
    expect(error.message).toBe("daemon pod cilium-envoy (requests 1 vCPU, 256 MB) fits on no node: each node has 0.94 vCPU, 2.7 GB left");
  });

  it("schedulePods(a pod pinned to one node) goes there though another node is emptier", () => {
    const pods = [pod("a", 0, 0.5, 512), pod("b", 0, 0.1, 64, { nodes: [0] })];
    expect(schedulePods({ nodeCount: 2, allocatable: large, pods }).podNodes).toEqual([0, 0]);
  });

  it("schedulePods(a pod whose listed nodes are full) says none of its nodes fits", () => {
    const pods = [pod("a", 0, 0.9, 512), pod("b", 0, 0.5, 64, { nodes: [0] })];
    expect(unschedulableOf({ nodeCount: 2, allocatable: { vcpu: 1, memoryMb: 2048 }, pods }).message).toBe(
      "pod b-0 (requests 0.5 vCPU, 64 MB) fits on none of its nodes (0): the most any of them has left is 0.1 vCPU, 1.5 GB",
    );
  });
});

describe("schedulePods: the unschedulable message", () => {
  it("schedulePods(a pod too big for the room left) names the pod, its requests with what they include, and the most room left", () => {
    const pods = [pod("filler", 0, 1.6, 1024, { nodes: [0] }), pod("filler", 1, 1.8, 2048, { nodes: [1] }), pod("productpage", 2, 1.1, 256, { requestsNote: "with its sidecar" })];
    const error = unschedulableOf({ nodeCount: 2, allocatable: { vcpu: 2, memoryMb: 4096 }, pods });
    expect(error.pod).toBe("productpage-2");
    expect(error.message).toBe("pod productpage-2 (requests 1.1 vCPU, 256 MB with its sidecar) fits on no node: the most any node has left is 0.4 vCPU, 3 GB");
  });

  it.each([
    ["larger than an empty node in CPU", [pod("a", 0, 3, 64, { owner: 4 })], { owner: 4, tooLarge: ["cpu"] }],
    ["larger than an empty node in both", [pod("a", 0, 3, 8192, { owner: 0 })], { owner: 0, tooLarge: ["cpu", "memory"] }],
    ["pushed out by the pods before it", [pod("a", 0, 1.5, 64, { owner: 0 }), pod("a", 1, 1.5, 64, { owner: 0 }), pod("a", 2, 1.5, 64, { owner: 0 })], { owner: 0, tooLarge: [] }],
    ["kept to a full node", [pod("a", 0, 1.5, 64), pod("b", 0, 1, 64, { owner: 1, nodes: [0] })], { owner: 1, tooLarge: [], restricted: true }],
  ])("schedulePods(a pod %s) says why in its detail, with the owner it was given", (_, pods, detail) => {
    expect(unschedulableOf({ nodeCount: 2, allocatable: { vcpu: 2, memoryMb: 4096 }, pods: pods as PodToSchedule[] }).detail).toEqual(detail);
  });

  it("schedulePods(a daemon larger than a node) marks the detail as a daemon's", () => {
    const request = { nodeCount: 1, allocatable: { vcpu: 1, memoryMb: 256 }, daemons: [{ name: "ztunnel", cpuRequest: 0.2, memoryRequestMb: 512 }], pods: [] };
    expect(unschedulableOf(request).detail).toEqual({ daemon: true, tooLarge: ["memory"] });
  });
});

describe("schedulePods: input checks and determinism", () => {
  it.each([
    ["no nodes", { nodeCount: 0, allocatable: large, pods: [] }, "nodeCount must be a positive integer, got 0"],
    ["a negative request", { nodeCount: 1, allocatable: large, pods: [pod("a", 0, -1, 0)] }, "pod a-0 must request at least 0 vCPU and 0 MB, got -1 vCPU, 0 MB"],
    ["a node out of range", { nodeCount: 2, allocatable: large, pods: [pod("a", 0, 0, 0, { nodes: [2] })] }, "pod a-0 lists node 2, outside 0..1"],
    ["an empty node list", { nodeCount: 2, allocatable: large, pods: [pod("a", 0, 0, 0, { nodes: [] })] }, "pod a-0 lists no nodes"],
  ])("schedulePods(%s) throws a RangeError", (_what, request, message) => {
    expect(() => schedulePods(request)).toThrow(new RangeError(message));
  });

  it("schedulePods(the same request twice) gives the same placement", () => {
    const request = { nodeCount: 4, allocatable: large, pods: [...replicas("a", 5, 0.3, 300), ...replicas("b", 3, 1, 2000), ...replicas("c", 7, 0.05, 50)] };
    expect(schedulePods(request)).toEqual(schedulePods(request));
  });
});

describe("schedulePods: pods an autoscaler adds later", () => {
  it("schedulePods(later pods) places them after the others without counting them in requested, and marks those that fit nowhere pending", () => {
    const allocatable = { vcpu: 1, memoryMb: 4096 };
    const later = (index: number) => pod("api", index, 0.4, 0, { later: true });
    const schedule = schedulePods({ nodeCount: 2, allocatable, pods: [pod("api", 0, 0.4, 0), pod("api", 1, 0.4, 0), later(2), later(3), later(4)] });
    // Two pods of 0.4 fit on each 1-vCPU node; the fifth fits nowhere and waits on the node with most room.
    expect(schedule.podNodes.slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(schedule.pending).toEqual([false, false, false, false, true]);
    expect(schedule.requested.map((node) => node.vcpu)).toEqual([0.4, 0.4]);
  });

  it("schedulePods(no later pods) reports no pending list", () => {
    expect(schedulePods({ nodeCount: 1, allocatable: large, pods: replicas("web", 2, 0.1, 64) }).pending).toBeUndefined();
  });
});
