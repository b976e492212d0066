// addedLatency: what a mesh adds to a percentile over no mesh, the half-width of that
// difference's 95% interval (paired over the replications, else from the two runs' own
// intervals), whether it is within noise, and how the terminal and the report show it.

import { describe, expect, it } from "vitest";
import { addedLatency, differenceHalfWidth, formatAdded, formatAddedHtml, isWithinNoise, latencyHalfWidth, pairedHalfWidth } from "../../src/report/added-latency.js";
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

/** t_0.975 with 3 degrees of freedom (scipy.stats.t.ppf(0.975, 3)). */
const T_975_3 = 3.1824463052837078;

describe("pairedHalfWidth", () => {
  it("is t(n - 1) * sd(d) / sqrt(n) over the differences d_i = a_i - b_i", () => {
    // d = [2, 2, 2, 3]: mean 2.25, sd = sqrt((3 * 0.25² + 0.75²) / 3) = 0.5, so t(3) * 0.5 / 2.
    expect(pairedHalfWidth([12, 14, 13, 15], [10, 12, 11, 12])).toBeCloseTo((T_975_3 * 0.5) / 2, 12);
  });

  it("is 0 when every replication differs by the same amount, however much the replications spread", () => {
    expect(pairedHalfWidth([105, 305, 155], [100, 300, 150])).toBe(0);
  });

  it.each([
    [undefined, [1, 2]],
    [[1, 2], undefined],
    [[1, 2, 3], [1, 2]],
    [[1], [2]],
    [[1, Number.NaN], [1, 2]],
  ] as const)("has none unless both hold as many (2 or more) finite values (%j, %j)", (a, b) => {
    expect(pairedHalfWidth(a as readonly number[] | undefined, b as readonly number[] | undefined)).toBeNull();
  });
});

describe("latencyHalfWidth", () => {
  // Each run's own replications spread over 100 ms, its interval wide; the difference is steady.
  const none: LatencySummary = { ...latency(4, 200, { p50: [3.9, 4.1], p99: [100, 300] }), replications: { p50: [3.9, 4, 4.1, 4], p99: [120, 280, 150, 250] } };
  const mesh: LatencySummary = { ...latency(5, 203, { p50: [4.9, 5.1], p99: [102, 304] }), replications: { p50: [4.9, 5, 5.1, 5], p99: [122, 284, 153, 253] } };

  it("pairs the replications when both runs carry them, far narrower than the independent reading", () => {
    const paired = latencyHalfWidth(mesh, none, "p99")!;
    expect(paired).toBeCloseTo((T_975_3 * Math.sqrt(2 / 3)) / 2, 12); // d = [2, 4, 3, 3]: sd = sqrt(2 / 3)
    expect(paired).toBeLessThan(differenceHalfWidth(mesh.ci95!.p99, none.ci95!.p99)! / 10);
    expect(latencyHalfWidth(mesh, none, "p50")).toBeCloseTo(0, 12); // d = [1, 1, 1, 1]
  });

  it("falls back to sqrt(a² + b²) of the runs' intervals when either lacks its replications (a document written before)", () => {
    const { replications: _none, ...older } = none;
    expect(latencyHalfWidth(mesh, older, "p99")).toBeCloseTo(Math.hypot(101, 100), 12);
    expect(latencyHalfWidth(older, mesh, "p99")).toBeCloseTo(Math.hypot(100, 101), 12);
  });

  it("is 0 when the replications agree on the difference but for float noise, below the document's 0.1 µs", () => {
    // d = 0.1 each, as floats: [0.10000000000000009, 0.10000000000000009, 0.09999999999999964].
    const a: LatencySummary = { ...latency(2.2, 20, { p50: [1, 3], p99: [19, 21] }), replications: { p50: [1.1, 2.2, 3.3], p99: [19, 20, 21] } };
    const b: LatencySummary = { ...latency(2.1, 19, { p50: [1, 3], p99: [18, 20] }), replications: { p50: [1, 2.1, 3.2], p99: [18, 19, 20.5] } };
    expect(pairedHalfWidth(a.replications!.p50, b.replications!.p50)).toBeGreaterThan(0);
    expect(latencyHalfWidth(a, b, "p50")).toBe(0);
    expect(latencyHalfWidth(a, b, "p99")).toBeGreaterThan(0.1);
  });

  it("falls back when the runs have different numbers of replications", () => {
    const fewer: LatencySummary = { ...none, replications: { p50: [3.9, 4, 4.1], p99: [120, 280, 150] } };
    expect(latencyHalfWidth(mesh, fewer, "p99")).toBeCloseTo(Math.hypot(101, 100), 12);
  });

  it("addedLatency keeps the merged percentiles' difference as the point estimate, with the paired half-width", () => {
    const added = addedLatency(mesh, none, "p99");
    expect(added.ms).toBe(3);
    expect(added.halfWidthMs).toBeCloseTo((T_975_3 * Math.sqrt(2 / 3)) / 2, 12);
    expect(formatAdded(added)).toBe("+3.00 ±1.30");
    expect(formatAdded(addedLatency({ ...mesh, replications: undefined }, none, "p99"))).toBe("≈0 (±142)");
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

  it.each([
    [{ ms: 0.5, halfWidthMs: 0 }, "+0.500", '<span title="the same in every replication: its 95% interval has zero width">+0.500 ms</span>'],
    [{ ms: -0.5, halfWidthMs: 0 }, "−0.500", '<span title="the same in every replication: its 95% interval has zero width">−0.500 ms</span>'],
    [{ ms: 0, halfWidthMs: 0 }, "0", '<span title="the same in every replication: its 95% interval has zero width">0 ms</span>'],
  ])("%j (the replications agree on the difference): %s, with no ±0", (added, text, html) => {
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
