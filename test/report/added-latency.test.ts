// addedLatency: what a mesh adds to a percentile over no mesh, the half-width of that
// difference's 95% interval from the two runs' own intervals, whether it is within noise, and
// how the terminal and the report show it.

import { describe, expect, it } from "vitest";
import { addedLatency, differenceHalfWidth, formatAdded, formatAddedHtml, isWithinNoise } from "../../src/report/added-latency.js";
import type { LatencySummary } from "../../src/runner/index.js";

const latency = (p50: number, p99: number, ci95?: LatencySummary["ci95"]): LatencySummary => ({ mean: p50, p50, p90: p99, p99, p999: p99, max: p99, ...(ci95 ? { ci95 } : {}) });

describe("differenceHalfWidth", () => {
  it("adds the two half-widths in quadrature, as for independent estimates", () => {
    expect(differenceHalfWidth([9, 11], [19, 23])).toBeCloseTo(Math.sqrt(1 + 4), 12);
  });

  it("reads an interval cut at 0 by its upper end, the widest half-width it can have had", () => {
    expect(differenceHalfWidth([0, 3], [10, 10])).toBe(3);
  });

  it.each([
    [null, [1, 2]],
    [[1, 2], null],
    [undefined, [1, 2]],
  ] as const)("has none when a run has no interval (%j, %j)", (a, b) => {
    expect(differenceHalfWidth(a as [number, number] | null | undefined, b as [number, number] | null | undefined)).toBeNull();
  });
});

describe("addedLatency", () => {
  const none = latency(4, 20, { p50: [3.9, 4.1], p99: [18, 22] });
  const mesh = latency(5, 21, { p50: [4.9, 5.1], p99: [18.5, 23.5] });

  it("is the mesh's percentile minus no mesh's, with the half-width of the difference", () => {
    const p50 = addedLatency(mesh, none, "p50");
    expect(p50.ms).toBe(1);
    expect(p50.halfWidthMs).toBeCloseTo(Math.hypot(0.1, 0.1), 12);
    const p99 = addedLatency(mesh, none, "p99");
    expect(p99.ms).toBe(1);
    expect(p99.halfWidthMs).toBeCloseTo(Math.hypot(2, 2.5), 12);
  });

  it("has no half-width with one replication (ci95 null) or in a document without ci95", () => {
    expect(addedLatency(latency(5, 21, { p50: null, p99: null }), latency(4, 20, { p50: null, p99: null }), "p99").halfWidthMs).toBeNull();
    expect(addedLatency(latency(5, 21), none, "p99").halfWidthMs).toBeNull();
  });
});

describe("isWithinNoise", () => {
  it.each([
    [1.05, 2.3, true],
    [-1.05, 2.3, true],
    [2.3, 2.3, true],
    [2.31, 2.3, false],
    [-2.31, 2.3, false],
    [1.05, null, false],
  ])("%d ms ± %s: %s", (ms, halfWidthMs, within) => {
    expect(isWithinNoise({ ms, halfWidthMs })).toBe(within);
  });
});

describe("formatAdded and formatAddedHtml", () => {
  it.each([
    [{ ms: 6.79, halfWidthMs: 4.25 }, "+6.79 ±4.25", "+6.79 ± 4.25 ms"],
    [{ ms: -0.131, halfWidthMs: 0.05 }, "−0.131 ±0.0500", "−0.131 ± 0.0500 ms"],
    [{ ms: 0.676, halfWidthMs: null }, "+0.676 ?", '+0.676 ms <span class="muted" title="one replication: no 95% interval to tell this from noise">?</span>'],
  ])("%j: %s", (added, text, html) => {
    expect(formatAdded(added)).toBe(text);
    expect(formatAddedHtml(added)).toBe(html);
  });

  it("shows a difference within noise as ≈0 with its half-width, never as the mesh's cost; the report keeps it in a tooltip", () => {
    expect(formatAdded({ ms: 1.05, halfWidthMs: 2.3 })).toBe("≈0 (±2.30)");
    expect(formatAdded({ ms: -0.131, halfWidthMs: 181 })).toBe("≈0 (±181)");
    const html = formatAddedHtml({ ms: 1.05, halfWidthMs: 2.3 });
    expect(html).toMatch(/^<span class="muted" title="\+1.05 ms, within ±2.30 ms \(the 95% interval of the difference\): noise, not the mesh's cost">≈0 \(± 2.30 ms\)<\/span>$/);
  });
});
