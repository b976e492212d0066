// Tests for checkNestingDepth: documents up to MAX_NESTING_DEPTH levels pass, one level more is
// refused naming the file and the path, and depths that would overflow a recursive walk are measured.

import { describe, expect, it } from "vitest";
import { checkNestingDepth } from "../../src/scenario/check-document-depth.js";
import { MAX_NESTING_DEPTH } from "../../src/scenario/value-limits.js";
import { oneLineScenarioErrorOf } from "./_scenario-error-of.js";

/** `levels` arrays inside one another: [[[...]]]. */
function nestedArrays(levels: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < levels; level++) value = [value];
  return value;
}

describe("checkNestingDepth", () => {
  it("checkNestingDepth(a document exactly MAX_NESTING_DEPTH levels deep) passes", () => {
    expect(() => checkNestingDepth(nestedArrays(MAX_NESTING_DEPTH), "s.yaml")).not.toThrow();
  });

  it("checkNestingDepth(one level more) names the file and the path to the level past the limit", () => {
    const error = oneLineScenarioErrorOf(() => checkNestingDepth({ a: { b: nestedArrays(MAX_NESTING_DEPTH - 1) } }, "s.yaml"));
    expect(error.file).toBe("s.yaml");
    expect(error.field.startsWith("a.b[0][0]")).toBe(true);
    expect(error.problem).toBe(`is nested more than ${MAX_NESTING_DEPTH} levels deep (objects and lists inside one another): no scenario or result needs that many`);
  });

  it("checkNestingDepth(100,000 levels, past any recursive walk's stack) throws a ScenarioError", () => {
    oneLineScenarioErrorOf(() => checkNestingDepth(nestedArrays(100_000), "s.json"));
  });

  it("checkNestingDepth(an object shared by many parents, as YAML aliases make) visits it once", () => {
    const shared = { x: 1 };
    expect(() => checkNestingDepth({ a: shared, b: shared, c: [shared, shared] }, "s.yaml")).not.toThrow();
  });
});
