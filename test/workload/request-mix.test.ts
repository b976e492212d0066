import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/index.js";
import { createRequestMix } from "../../src/workload/index.js";

describe("createRequestMix", () => {
  it("picks each type in proportion to its weight", () => {
    const weights = [3, 1, 0, 6];
    const next = createRequestMix(weights, createRng(3, "mix"));
    const counts = [0, 0, 0, 0];
    const draws = 200_000;
    for (let i = 0; i < draws; i++) counts[next()]++;
    weights.forEach((weight, index) => {
      const p = weight / 10;
      const sd = Math.sqrt(draws * p * (1 - p));
      expect(Math.abs(counts[index] - draws * p)).toBeLessThanOrEqual(5 * sd);
    });
    expect(counts[2]).toBe(0);
  });

  it.each([
    [[], "request mix needs at least one weight"],
    [[1, -1], "request mix weight 1 must be a non-negative number, got -1"],
    [[0, 0], "request mix weights must not all be zero"],
  ])("createRequestMix(%j) throws %s", (weights, message) => {
    expect(() => createRequestMix(weights, createRng(1))).toThrow(message);
  });
});
