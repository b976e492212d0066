/**
 * The HorizontalPodAutoscaler's rules: ceil(ready x utilisation / target), no change within the
 * 0.1 tolerance, pods still starting at 0% when scaling up, the highest recommendation of the
 * 300 s scale-down window (seeded with the starting count), and the default scale-up policies
 * (double or +4 per sync).
 */

import { describe, expect, it } from "vitest";
import { HPA_SCALE_DOWN_WINDOW_MS, HPA_SYNC_PERIOD_MS, HpaController, replicaRecommendation } from "../../src/cluster/index.js";

const reading = (replicas: number, ready: number, usedVcpu: number) => ({ replicas, ready, usedVcpu, requestVcpu: 0.5, targetPercent: 50 });

describe("replicaRecommendation", () => {
  it("asks for ceil(ready x utilisation / target)", () => {
    // 4 pods of 0.5 vCPU using 3 vCPU: 150% against 50% -> 12.
    expect(replicaRecommendation(reading(4, 4, 3))).toBe(12);
    // 100% against 50%, 3 pods: 6; 20% against 50%: ceil(1.2) = 2.
    expect(replicaRecommendation(reading(3, 3, 1.5))).toBe(6);
    expect(replicaRecommendation(reading(3, 3, 0.3))).toBe(2);
  });

  it("keeps the count while the ratio is within 0.1 of 1, and moves just outside it", () => {
    // 10 pods, 5 vCPU of requests, target 2.5 vCPU.
    expect(replicaRecommendation(reading(10, 10, 2.5 * 1.09))).toBe(10);
    expect(replicaRecommendation(reading(10, 10, 2.5 * 0.91))).toBe(10);
    expect(replicaRecommendation(reading(10, 10, 2.5 * 1.11))).toBe(12);
    expect(replicaRecommendation(reading(10, 10, 2.5 * 0.89))).toBe(9);
  });

  it("counts pods still starting at 0% when scaling up, and does nothing if that brings the ratio within the tolerance", () => {
    // 4 ready of 6 using 3 vCPU: 150% over the ready ones, 100% over all six against 50% -> 12.
    expect(replicaRecommendation(reading(6, 4, 3))).toBe(12);
    // 4 ready of 6 using 1.6 vCPU: 160% over ready would ask for 7, but over six it is 53%: within tolerance.
    expect(replicaRecommendation(reading(6, 4, 1.6))).toBe(6);
  });
});

describe("HpaController", () => {
  it("scales up at once, at most doubling or adding 4 pods per sync, within maxReplicas", () => {
    const hpa = new HpaController(1, 20);
    expect(hpa.decide(0, 2, 15)).toBe(6);
    expect(hpa.decide(HPA_SYNC_PERIOD_MS, 6, 15)).toBe(12);
    expect(hpa.decide(2 * HPA_SYNC_PERIOD_MS, 12, 40)).toBe(20);
  });

  it("scales down only to the highest recommendation of the last 300 s", () => {
    const hpa = new HpaController(2, 20);
    expect(hpa.decide(0, 9, 9)).toBe(9);
    let now = 0;
    while ((now += HPA_SYNC_PERIOD_MS) < HPA_SCALE_DOWN_WINDOW_MS) expect(hpa.decide(now, 9, 3)).toBe(9);
    // The recommendation of 9 made at 0 leaves the window at 300 s.
    expect(hpa.decide(HPA_SCALE_DOWN_WINDOW_MS, 9, 3)).toBe(3);
    // The recommendations of 3 still in the window hold 3 when one of 1 comes.
    expect(hpa.decide(HPA_SCALE_DOWN_WINDOW_MS + HPA_SYNC_PERIOD_MS, 3, 1)).toBe(3);
  });

  it("never goes below minReplicas", () => {
    const hpa = new HpaController(2, 20);
    hpa.decide(0, 3, 3);
    expect(hpa.decide(HPA_SCALE_DOWN_WINDOW_MS, 3, 1)).toBe(2);
  });

  it("a new autoscaler records the count it found at its first sync, so it keeps it through the first window (recordInitialRecommendation)", () => {
    const hpa = new HpaController(1, 20);
    // Started at 6 pods, asked for 2 from the first sync on: 6 until the first sync leaves the window.
    expect(hpa.decide(0, 6, 2)).toBe(6);
    expect(hpa.decide(HPA_SCALE_DOWN_WINDOW_MS - HPA_SYNC_PERIOD_MS, 6, 2)).toBe(6);
    expect(hpa.decide(HPA_SCALE_DOWN_WINDOW_MS, 6, 2)).toBe(2);
  });
});
