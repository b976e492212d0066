import { describe, expect, it } from "vitest";
import { poolKey, type PoolEnds } from "../../../../src/mesh/compile/data-plane/data-plane.js";

describe("poolKey", () => {
  it("gives every pair of ends of every kind its own key", () => {
    const network = { podCount: 7, nodeCount: 3 };
    const ranges: Array<[PoolEnds, number, number]> = [
      ["pods", 7, 7],
      ["node-proxies", 3, 3],
      ["node-agents", 3, 3],
      ["agent-to-pod", 3, 7],
    ];
    const keys = ranges.flatMap(([ends, froms, tos]) => Array.from({ length: froms * tos }, (_, i) => poolKey(network, ends, Math.floor(i / tos), i % tos)));
    expect(new Set(keys).size).toBe(7 * 7 + 3 * 3 + 3 * 3 + 3 * 7);
    // Packed from 0: the keys are exactly 0 .. count - 1.
    expect(Math.max(...keys)).toBe(keys.length - 1);
  });
});
