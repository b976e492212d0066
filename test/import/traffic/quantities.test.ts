// Tests for quantities.ts: Kubernetes quantities as SMI v1alpha1 writes backend weights.

import { describe, expect, it } from "vitest";
import { parseQuantity } from "../../../src/import/traffic/quantities.js";

describe("parseQuantity", () => {
  it.each([
    ["900m", 0.9],
    ["100m", 0.1],
    ["1", 1],
    ["1.5", 1.5],
    ["2k", 2000],
    ["3M", 3_000_000],
    ["1Ki", 1024],
    ["2Mi", 2 * 1024 * 1024],
    ["1e3", 1000],
    ["5E-1", 0.5],
    ["500u", 0.0005],
    [" 250m ", 0.25],
    [7, 7],
  ])("parseQuantity(%j) is %d", (input, value) => {
    expect(parseQuantity(input)).toBe(value);
  });

  it.each([["abc"], ["1Kb"], [""], ["m"], [null], [undefined], [Number.NaN], [Number.POSITIVE_INFINITY], [{}]])("parseQuantity(%j) is undefined", (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });
});
