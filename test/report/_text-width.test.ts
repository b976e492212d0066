import { describe, expect, it } from "vitest";
import { textWidth } from "../../src/report/_text-width.js";

describe("textWidth", () => {
  it("adds DejaVu Sans advance widths", () => {
    expect(textWidth("p99", 10)).toBeCloseTo(19.07, 10);
    expect(textWidth("", 12)).toBe(0);
  });

  it("bold is wider, and an unknown character counts a full em", () => {
    expect(textWidth("Istio", 12, true)).toBeGreaterThan(textWidth("Istio", 12));
    expect(textWidth("漢", 10)).toBe(10);
  });
});
