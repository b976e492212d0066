// Tests for randomErlang: seeded moments against theory, underflow guard, determinism and validation messages.

import { describe, expect, it } from "vitest";
import { randomErlang } from "../../src/random/random-erlang.js";
import { createRng } from "../../src/random/rng.js";
import { DRAWS, expectRelativelyClose, sampleMoments } from "./_sample-moments.js";

describe("randomErlang", () => {
  it.each([
    [20, 1],
    [20, 4],
    [5, 16],
  ])("randomErlang(rng, %s, %s) has mean meanMs and variance meanMs^2 / k", (meanMs, k) => {
    const { mean, variance, min } = sampleMoments(randomErlang(createRng(1, "erlang", k), meanMs, k), DRAWS);
    expectRelativelyClose(mean, meanMs, 0.01);
    expectRelativelyClose(variance, (meanMs * meanMs) / k, 0.03);
    expect(min).toBeGreaterThan(0);
  });

  it("randomErlang(rng, 10, 2000) stays finite where a plain product of uniforms would underflow", () => {
    const { mean, variance, max } = sampleMoments(randomErlang(createRng(1, "erlang-large"), 10, 2000), 5_000);
    expect(Number.isFinite(max)).toBe(true);
    expectRelativelyClose(mean, 10, 0.001);
    expectRelativelyClose(variance, 100 / 2000, 0.1);
  });

  it("randomErlang is deterministic for a seeded rng", () => {
    const a = randomErlang(createRng(9, "k"), 5, 3);
    const b = randomErlang(createRng(9, "k"), 5, 3);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it.each([
    [0, 2, "meanMs must be a positive number, got 0"],
    [10, 0, "k must be a positive integer, got 0"],
    [10, 2.5, "k must be a positive integer, got 2.5"],
    [10, Number.NaN, "k must be a positive integer, got NaN"],
  ])("randomErlang(rng, %s, %s) throws %j", (meanMs, k, message) => {
    expect(() => randomErlang(createRng(1), meanMs, k)).toThrow(new RangeError(message));
  });
});
