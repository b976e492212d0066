// ChainTable: each pod pair's request and response chain ids, built on first use, identical chains
// interned, and every chain's steps packed in order.

import { describe, expect, it } from "vitest";
import { ChainTable } from "../../../src/mesh/compile/chain-table.js";
import { PodPairs } from "../../../src/mesh/compile/pod-pairs.js";

/** 3 pods: a pair's request is [caller, -1, callee], its response reversed; a pod calling itself is [-1]. */
function threePods(built: Array<[number, number]> = []): ChainTable {
  return new ChainTable(
    PodPairs.everyPair(3),
    (caller, callee) => {
      built.push([caller, callee]);
      return caller === callee ? [-1] : [caller, -1, callee];
    },
    (caller, callee) => (caller === callee ? [-1] : [callee, -1, caller]),
  );
}

describe("ChainTable", () => {
  it("gives identical chains one id and packs each chain's steps at its start", () => {
    const table = threePods();
    const stepsOf = (id: number) => [...table.steps.subarray(table.chainStart[id], table.chainStart[id] + table.chainLength[id])];
    expect(stepsOf(table.request(0, 1))).toEqual([0, -1, 1]);
    expect(stepsOf(table.response(0, 2))).toEqual([2, -1, 0]);
    // A pod calling itself: the same one-step chain both ways, one id.
    expect(table.request(1, 1)).toBe(table.response(2, 2));
    // (1, 2)'s request is (2, 1)'s response: one id for both.
    expect(table.request(1, 2)).toBe(table.response(2, 1));
    // Chains so far: [0,-1,1], [2,-1,0], [-1], [1,-1,2].
    expect(table.count).toBe(4);
    expect(stepsOf(3)).toEqual([1, -1, 2]);
  });

  it("builds a pair's chain once, the first time it is asked for, and no pair it is not asked for", () => {
    const built: Array<[number, number]> = [];
    const table = threePods(built);
    expect(built).toEqual([]);
    const id = table.request(2, 1);
    expect(table.request(2, 1)).toBe(id);
    expect(built).toEqual([[2, 1]]);
  });

  it("keeps every chain's steps when its arrays grow", () => {
    // 40 pods, every ordered pair distinct: far past the initial 64 chains and 256 steps.
    const table = new ChainTable(PodPairs.everyPair(40), (caller, callee) => [caller, -1, callee], (caller, callee) => [callee, -2, caller]);
    const ids: number[] = [];
    for (let caller = 0; caller < 40; caller++) for (let callee = 0; callee < 40; callee++) ids.push(table.request(caller, callee));
    expect(table.count).toBe(1600);
    ids.forEach((id, pair) => {
      const start = table.chainStart[id];
      expect([...table.steps.subarray(start, start + table.chainLength[id])]).toEqual([Math.floor(pair / 40), -1, pair % 40]);
    });
  });

  it("cutOff(callee, keep) rebuilds the calls to the callee with the steps kept, and cutOff(callee, undefined) gives them back", () => {
    const table = threePods();
    const stepsOf = (id: number) => [...table.steps.subarray(table.chainStart[id], table.chainStart[id] + table.chainLength[id])];
    const before = table.request(0, 2);
    table.cutOff(2, (step) => step !== 2);
    expect(stepsOf(table.request(0, 2))).toEqual([0, -1]);
    expect(stepsOf(table.response(1, 2))).toEqual([-1, 1]);
    // Calls to the other pods keep all their steps.
    expect(stepsOf(table.request(2, 1))).toEqual([2, -1, 1]);
    table.cutOff(2, undefined);
    expect(table.request(0, 2)).toBe(before);
  });

  it("refuses a pair no call can take, naming its two pods", () => {
    // Pod 0 is the load generator's (it calls service 0, pod 1); service 0 calls service 1 (pod 2); service 1 calls nothing.
    const pairs = new PodPairs({ podService: Int32Array.of(-1, 0, 1), servicePods: [Int32Array.of(1), Int32Array.of(2)] }, [[0], [1], []]);
    const table = new ChainTable(pairs, (caller, callee) => [caller, -1, callee], (caller, callee) => [callee, -1, caller]);
    expect(table.request(1, 2)).toBe(0);
    expect(() => table.request(2, 1)).toThrow("no call goes from pod 2 to pod 1");
    expect(() => table.response(0, 2)).toThrow("no call goes from pod 0 to pod 2");
  });
});
