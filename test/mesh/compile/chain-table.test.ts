// buildChainTable: each pod pair's request and response chain ids, identical chains interned,
// and every chain's steps packed in order.

import { describe, expect, it } from "vitest";
import { buildChainTable } from "../../../src/mesh/compile/chain-table.js";

describe("buildChainTable", () => {
  it("gives identical chains one id and packs each chain's steps at its start", () => {
    // 3 pods, pod 0 an entry point: a pair's request is [caller, -1, callee], its response reversed.
    const table = buildChainTable(
      3,
      1,
      (caller, callee) => (caller === callee ? [-1] : [caller, -1, callee]),
      (caller, callee) => (caller === callee ? [-1] : [callee, -1, caller]),
    );
    const stepsOf = (id: number) => [...table.steps.subarray(table.chainStart[id], table.chainStart[id] + table.chainLength[id])];
    expect(stepsOf(table.requestChain[0 * 3 + 1])).toEqual([0, -1, 1]);
    expect(stepsOf(table.responseChain[0 * 3 + 2])).toEqual([2, -1, 0]);
    // A pod calling itself: the same one-step chain both ways, one id.
    expect(table.requestChain[1 * 3 + 1]).toBe(table.responseChain[2 * 3 + 2]);
    // (1, 2)'s request is (2, 1)'s response: one id for both.
    expect(table.requestChain[1 * 3 + 2]).toBe(table.responseChain[2 * 3 + 1]);
    // Chains: [-1], and [a, -1, b] for the 6 ordered pairs of distinct pods that occur.
    expect(table.chainStart.length).toBe(1 + 6);
    expect(table.steps.length).toBe(1 + 6 * 3);
  });
});
