// Tests for randomConstant: the constant value and its validation messages.

import { describe, expect, it } from "vitest";
import { randomConstant } from "../../src/random/random-constant.js";
import { createRng } from "../../src/random/rng.js";

describe("randomConstant", () => {
  it.each([[0], [5], [0.25]])("randomConstant(rng, %s) always returns that value", (valueMs) => {
    const sample = randomConstant(createRng(1), valueMs);
    for (let i = 0; i < 10; i++) expect(sample()).toBe(valueMs);
  });

  it.each([
    [-1, "valueMs must be a non-negative number, got -1"],
    [Number.NaN, "valueMs must be a non-negative number, got NaN"],
    [Infinity, "valueMs must be a non-negative number, got Infinity"],
  ])("randomConstant(rng, %s) throws %j", (valueMs, message) => {
    expect(() => randomConstant(createRng(1), valueMs)).toThrow(new RangeError(message));
  });
});
