import { describe, expect, it } from "vitest";
import { BypassPicks } from "../../../../src/mesh/flow/traffic/bypass-picks.js";
import type { EndpointFlags } from "../../../../src/mesh/flow/traffic/endpoint-flags.js";
import type { TrafficPlan } from "../../../../src/mesh/compile/index.js";
import { createRng } from "../../../../src/random/index.js";

/** One host (0) served by two services: 0 with pods 0-2, 1 with pods 3-4. */
function picks(out: number[] = [], active = [3, 2]) {
  const servicePods = [Int32Array.from([0, 1, 2]), Int32Array.from([3, 4])];
  const plan = { bypassServices: [Int32Array.from([0, 1])], bypassPods: [Int32Array.from([0, 1, 2, 3, 4])] } as unknown as TrafficPlan;
  const podOut = new Uint8Array(5);
  for (const pod of out) podOut[pod] = 1;
  const endpoints: EndpointFlags = {
    replicaOut: servicePods.map((pods) => Uint8Array.from(pods, (pod) => podOut[pod])),
    serviceOut: Int32Array.from(servicePods, (pods) => pods.filter((pod) => podOut[pod] === 1).length),
    podOut,
    outTotal: Int32Array.of(out.length),
  };
  return new BypassPicks(plan, servicePods, Int32Array.from(active), endpoints, createRng(3, "bypass"), undefined);
}

function counts(bypass: BypassPicks, draws: number): number[] {
  const seen = new Array<number>(5).fill(0);
  for (let i = 0; i < draws; i++) seen[bypass.pick(0, 0)]++;
  return seen;
}

describe("BypassPicks", () => {
  it("picks uniformly over the host's pods, as kube-proxy does (within 4 standard errors)", () => {
    const draws = 50_000;
    const seen = counts(picks(), draws);
    const sd = Math.sqrt(draws * 0.2 * 0.8);
    for (const count of seen) expect(Math.abs(count - draws / 5)).toBeLessThan(4 * sd);
  });

  it("never picks a pod out of its Service's endpoints, and spreads over the rest", () => {
    const seen = counts(picks([1, 3]), 30_000);
    expect(seen[1]).toBe(0);
    expect(seen[3]).toBe(0);
    for (const pod of [0, 2, 4]) expect(seen[pod]).toBeGreaterThan(9_000);
  });

  it("keeps to the pods in balancing (an autoscaler's first replicas)", () => {
    const seen = counts(picks([], [1, 1]), 10_000);
    expect(seen[1] + seen[2] + seen[4]).toBe(0);
    expect(seen[0] + seen[3]).toBe(10_000);
  });

  it("answers -1 when no pod is in the endpoints", () => {
    expect(picks([0, 1, 2, 3, 4]).pick(0, 0)).toBe(-1);
  });
});
