/**
 * One pod placed while a run goes on, over the pods bound by then: the start-up placement's
 * filter and scores (schedule-pods.ts), bound pods held where they are.
 */

import { describe, expect, it } from "vitest";
import { scheduleOne, schedulePods, UnschedulableError, type BoundPod, type PodToSchedule } from "../../src/cluster/index.js";

const allocatable = { vcpu: 2, memoryMb: 4096 };
const pod = (name: string, cpuRequest: number, node: number, group = "api"): BoundPod => ({ group, name, cpuRequest, memoryRequestMb: 0, node });
const api = (cpuRequest: number, nodes?: number[]): PodToSchedule => ({ group: "api", name: "api-new", cpuRequest, memoryRequestMb: 0, ...(nodes ? { nodes } : {}) });

describe("scheduleOne", () => {
  it("places a pod where the start-up scheduler would have put it after the bound pods", () => {
    const bound = [pod("api-0", 0.5, 0), pod("api-1", 0.5, 1), pod("web-0", 1, 0, "web")];
    const atStart = schedulePods({ nodeCount: 3, allocatable, pods: [...bound.map((b) => ({ ...b, nodes: [b.node] })), api(0.5)] });
    expect(scheduleOne({ nodeCount: 3, allocatable, bound }, api(0.5))).toBe(atStart.podNodes.at(-1));
    // The empty node 2 scores best (least allocated, no api pod yet).
    expect(scheduleOne({ nodeCount: 3, allocatable, bound }, api(0.5))).toBe(2);
  });

  it("keeps to the nodes it is given (the ones up) and spreads a group's pods", () => {
    const bound = [pod("api-0", 0.1, 0), pod("api-1", 0.1, 0)];
    expect(scheduleOne({ nodeCount: 3, allocatable, bound }, api(0.1, [0, 1]))).toBe(1);
    expect(scheduleOne({ nodeCount: 3, allocatable, bound }, api(0.1, [0]))).toBe(0);
  });

  it("returns undefined when the pod fits on none of its nodes: it stays pending", () => {
    const bound = [pod("api-0", 1.5, 0), pod("api-1", 1.5, 1)];
    expect(scheduleOne({ nodeCount: 2, allocatable, bound }, api(1))).toBeUndefined();
    expect(scheduleOne({ nodeCount: 2, allocatable, bound }, api(0.5))).toBe(0);
  });

  it("throws when a bound pod no longer fits on its node: the caller's books are wrong", () => {
    const bound = [pod("api-0", 1.5, 0), pod("api-1", 1.5, 0)];
    expect(() => scheduleOne({ nodeCount: 2, allocatable, bound }, api(0.1))).toThrow(UnschedulableError);
  });
});
