/**
 * GKE's node allocatable formula against the examples its documentation (and the pages quoting it)
 * give, and its tiers one boundary at a time.
 */

import { describe, expect, it } from "vitest";
import { EVICTION_THRESHOLD_MB, nodeAllocatable, reservedMemoryMb, reservedVcpu } from "../../src/cluster/index.js";

describe("reservedVcpu", () => {
  // The allocatable CPU column of GKE's former cluster-architecture table: n1-standard-1 0.94,
  // -2 1.93, -4 3.92, -8 7.91, -16 15.89 cores.
  it.each([
    [1, 0.06],
    [2, 0.07],
    [4, 0.08],
    [8, 0.09],
    [16, 0.11],
    [64, 0.23],
  ])("reservedVcpu(%d) is %d (6%% of the first core, 1%% of the second, 0.5%% of the next 2, 0.25%% above 4)", (vcpu, reserved) => {
    expect(reservedVcpu(vcpu)).toBeCloseTo(reserved, 9);
  });

  it("reservedVcpu(a fractional core) reserves 6% of it", () => {
    expect(reservedVcpu(0.5)).toBeCloseTo(0.03, 9);
  });

  it("reservedVcpu(2, shared core) is GKE's flat 1060 millicores for shared-core E2 types", () => {
    expect(reservedVcpu(2, true)).toBe(1.06);
  });

  it("reservedVcpu(0) throws a RangeError", () => {
    expect(() => reservedVcpu(0)).toThrow(RangeError);
  });
});

describe("reservedMemoryMb", () => {
  it.each([
    [0.6, 255], // less than 1 GiB: 255 MiB
    [1, 256], // 25% of 1 GiB
    [4, 1024], // 25% of the first 4 GiB
    [8, 1843], // + 20% of the next 4 GiB (1843.2)
    [16, 2662], // + 10% of the next 8 GiB (2662.4)
    [128, 9544], // + 6% of the next 112 GiB (9543.68)
    [256, 12165], // + 2% above 128 GiB (12165.12)
  ])("reservedMemoryMb(%d GiB) is %d MiB", (memoryGb, reserved) => {
    expect(reservedMemoryMb(memoryGb)).toBe(reserved);
  });

  it("reservedMemoryMb(150 GiB) plus the eviction threshold is 9.8577 GiB, the gke-node-allocatable-memory-calculator README's example", () => {
    expect((reservedMemoryMb(150) + EVICTION_THRESHOLD_MB) / 1024).toBeCloseTo(9.8577, 3);
  });
});

describe("nodeAllocatable", () => {
  it("nodeAllocatable(n1-standard-1: 1 vCPU, 3.75 GB) is 0.94 vCPU and 2.71 GB, the documented example", () => {
    const allocatable = nodeAllocatable({ vcpu: 1, memoryGb: 3.75 });
    expect(allocatable.vcpu).toBe(0.94);
    expect(allocatable.memoryMb).toBe(2780);
    expect(allocatable.memoryMb / 1024).toBeCloseTo(2.71, 2);
  });

  it.each([
    [2, 7.5, 1.93, 5.7],
    [4, 15, 3.92, 12.4],
    [8, 30, 7.91, 26.5],
  ])("nodeAllocatable(%d vCPU, %d GB) is %d vCPU and about %d GB", (vcpu, memoryGb, allocatableVcpu, allocatableGb) => {
    const allocatable = nodeAllocatable({ vcpu, memoryGb });
    expect(allocatable.vcpu).toBe(allocatableVcpu);
    expect(allocatable.memoryMb / 1024).toBeCloseTo(allocatableGb, 1);
  });

  it("nodeAllocatable(e2-medium: 2 shared vCPU, 4 GB) is 0.94 vCPU and 2972 MB", () => {
    expect(nodeAllocatable({ vcpu: 2, memoryGb: 4, sharedCore: true })).toEqual({ vcpu: 0.94, memoryMb: 4096 - 1024 - 100 });
  });

  it("nodeAllocatable(a machine smaller than its reservation) is 0, never negative", () => {
    expect(nodeAllocatable({ vcpu: 1, memoryGb: 0.25 })).toEqual({ vcpu: 0.94, memoryMb: 0 });
  });
});
