// PodPairs: the (caller pod, callee pod) pairs a call can take, numbered caller by caller and each
// caller's callees in ascending order; every other pair has no number.

import { describe, expect, it } from "vitest";
import { PodPairs } from "../../../src/mesh/compile/pod-pairs.js";

/**
 * Pod 0 is the load generator's; services 0 (pods 1-2), 1 (pods 3-5) and 2 (pod 6). The load
 * generator calls service 0, service 0 calls services 1 and 2, service 1 calls service 2, service 2 nothing.
 */
const layout = {
  podService: Int32Array.of(-1, 0, 0, 1, 1, 1, 2),
  servicePods: [Int32Array.of(1, 2), Int32Array.of(3, 4, 5), Int32Array.of(6)],
};
const pairs = new PodPairs(layout, [[0], [1, 2], [2], []]);

/** Every (caller, callee) with a number, in number order. */
function numbered(table: PodPairs): Array<[number, number]> {
  const found: Array<[number, number, number]> = [];
  for (let caller = 0; caller < table.podCount; caller++) {
    for (let callee = 0; callee < table.podCount; callee++) {
      const pair = table.index(caller, callee);
      if (pair >= 0) found.push([pair, caller, callee]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  return found.map(([, caller, callee]) => [caller, callee]);
}

describe("PodPairs", () => {
  it("numbers the pairs calls can take 0, 1, 2, ... in (caller, callee) order", () => {
    expect(numbered(pairs)).toEqual([
      [0, 1], [0, 2],
      [1, 3], [1, 4], [1, 5], [1, 6],
      [2, 3], [2, 4], [2, 5], [2, 6],
      [3, 6], [4, 6], [5, 6],
    ]);
    expect(pairs.count).toBe(13);
  });

  it("has no number for a pair no call takes, nor for the load generator as a callee", () => {
    for (const [caller, callee] of [[3, 1], [6, 6], [1, 0], [0, 3], [0, 0]]) expect(pairs.index(caller, callee)).toBeLessThan(0);
  });

  it("forEachCallee and forEachCaller walk a pod's pairs in ascending order, with their numbers", () => {
    const out: number[][] = [];
    pairs.forEachCallee(2, (callee, pair) => out.push([callee, pair]));
    expect(out).toEqual([[3, 6], [4, 7], [5, 8], [6, 9]]);
    const into: number[][] = [];
    pairs.forEachCaller(6, (caller, pair) => into.push([caller, pair]));
    expect(into).toEqual([[1, 5], [2, 9], [3, 10], [4, 11], [5, 12]]);
    const none: number[] = [];
    pairs.forEachCaller(0, (caller) => none.push(caller));
    expect(none).toEqual([]);
  });

  it("everyPair(n) numbers all n² pairs, caller by caller", () => {
    const dense = PodPairs.everyPair(3);
    expect(dense.count).toBe(9);
    for (let caller = 0; caller < 3; caller++) for (let callee = 0; callee < 3; callee++) expect(dense.index(caller, callee)).toBe(caller * 3 + callee);
  });

  it("numbers the pairs of 20,000 services of one pod each calling the next, with nothing kept per pair of services", () => {
    // Services², 4 x 10^8, would not fit in memory; the 20,000 pairs of services that call do.
    const count = 20_000;
    const wide = new PodPairs(
      { podService: Int32Array.from({ length: count + 1 }, (_, pod) => pod - 1), servicePods: Array.from({ length: count }, (_, service) => Int32Array.of(service + 1)) },
      [[0], ...Array.from({ length: count }, (_, service) => (service + 1 < count ? [service + 1] : []))],
    );
    expect(wide.count).toBe(count);
    expect([wide.index(0, 1), wide.index(1, 2), wide.index(count - 1, count)]).toEqual([0, 1, count - 1]);
    expect([wide.index(2, 1), wide.index(count, 1), wide.index(1, count)]).toEqual([-1, -1, -1]);
  });

  it("refuses a service whose pods are not contiguous", () => {
    expect(() => new PodPairs({ podService: Int32Array.of(-1, 0, 1, 0), servicePods: [Int32Array.of(1, 3), Int32Array.of(2)] }, [[0], [], []])).toThrow(
      "service 0's pods are not contiguous",
    );
  });
});
