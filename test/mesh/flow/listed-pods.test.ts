import { describe, expect, it } from "vitest";
import { countListed, nthListed } from "../../../src/mesh/flow/listed-pods.js";

describe("listed pods", () => {
  const pods = Int32Array.from([4, 2, 7, 5]);
  const podOut = Uint8Array.from([0, 0, 1, 0, 0, 1, 0, 0]);

  it("counts the pods of the first `count` still in their endpoints", () => {
    expect(countListed(pods, 4, podOut)).toBe(2);
    expect(countListed(pods, 2, podOut)).toBe(1);
    expect(countListed(pods, 0, podOut)).toBe(0);
  });

  it("finds the nth listed pod, skipping those out, and -1 past the last", () => {
    expect(nthListed(pods, 4, podOut, 0)).toBe(4);
    expect(nthListed(pods, 4, podOut, 1)).toBe(7);
    expect(nthListed(pods, 4, podOut, 2)).toBe(-1);
    expect(nthListed(pods, 2, podOut, 1)).toBe(-1);
  });
});
