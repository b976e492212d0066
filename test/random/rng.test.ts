// Tests for createRng: reproducible substreams per (seed, path), range and validation.

import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random/rng.js";

function take(rng: () => number, n: number): number[] {
  return Array.from({ length: n }, () => rng());
}

describe("createRng", () => {
  it("createRng(seed, ...path) repeats the same sequence for the same seed and path", () => {
    expect(take(createRng(1, "rep", 3, "service", "web"), 100)).toEqual(
      take(createRng(1, "rep", 3, "service", "web"), 100),
    );
  });

  it.each([
    ["a different seed", [2, "rep", 3]],
    ["a different index", [1, "rep", 4]],
    ["a different name", [1, "arrivals", 3]],
    ["a longer path", [1, "rep", 3, "x"]],
    ["a path split differently", [1, "rep/3"]],
  ] as const)("createRng gives a different sequence for %s", (_label, args) => {
    const [seed, ...path] = args;
    expect(take(createRng(seed, ...path), 10)).not.toEqual(take(createRng(1, "rep", 3), 10));
  });

  it("createRng(seed) returns values in [0, 1) with a uniform mean and variance", () => {
    const rng = createRng(42);
    let sum = 0;
    let squares = 0;
    let outside = 0;
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      const x = rng();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      squares += x * x;
    }
    expect(outside).toBe(0);
    const mean = sum / draws;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(squares / draws - mean * mean).toBeCloseTo(1 / 12, 3);
  });

  it("createRng(seed) pins the first value so a change of generator is noticed", () => {
    expect(createRng(1, "a")()).toBe(createRng(1, "a")());
    expect(createRng(1, "a")()).toMatchInlineSnapshot(`0.7070171001832932`);
  });

  it.each([[Number.NaN], [Infinity], [-Infinity], ["7" as unknown as number]])(
    "createRng(%s) throws: seed must be a finite number",
    (seed) => {
      expect(() => createRng(seed)).toThrow(RangeError);
      expect(() => createRng(seed)).toThrow(/^seed must be a finite number, got /);
    },
  );
});
