import { describe, expect, it } from "vitest";
import { CHART_HEIGHT } from "../../src/report/_chart-style.js";
import { textWidth } from "../../src/report/_text-width.js";
import { latencyOverTimeSpec, replicasOverTimeSpec, reportCharts, throughputOverTimeSpec, type ReportDocument } from "../../src/report/index.js";
import type { TimelineEntry } from "../../src/runner/index.js";
import { runDocument } from "../fixtures/report-document.js";
import { expectCompilesCleanly } from "./_spec-helpers.js";

const entry = (atS: number, p99Ms: number | null, completedPerSec: number): TimelineEntry => ({
  atS,
  durationS: 1,
  offeredPerSec: 100,
  completedPerSec,
  failedPerSec: 0,
  meanMs: p99Ms === null ? null : p99Ms / 4,
  p50Ms: p99Ms === null ? null : p99Ms / 5,
  p90Ms: p99Ms,
  p99Ms,
  maxMs: p99Ms,
  failedByReason: {},
  latencyHistogram: { sub: 32, count: 0, min: 0, max: 0, sumNs: [0, 0], counts: [] },
});

/** The fixture's runs at 300 requests/s with a three-interval timeline (the last interval empty) and two events. */
function withTimeline(): ReportDocument {
  const document = runDocument();
  document.runs = document.runs
    .filter((run) => run.rps === 300)
    .map((run) => ({
      ...run,
      timeline: [entry(0, run.mesh === "none" ? 10 : 12, 100), entry(1, 30, 90), entry(2, null, 0)],
      events: [{ atS: 1, event: "stage 2: ramp to 700/s" }, { atS: 1, event: "certificates rotate" }],
    }));
  return document;
}

const layers = (spec: unknown) => (spec as { layer: Array<{ data: { values: Array<Record<string, unknown>> }; mark: { type: string }; encoding: Record<string, unknown> }> }).layer;

describe("timeline charts", () => {
  it("latencyOverTimeSpec draws p50 and p99 per mesh at each interval's middle, skipping empty intervals, with one rule per event", () => {
    const spec = latencyOverTimeSpec(withTimeline().runs);
    expectCompilesCleanly(spec);
    const [lines, rules] = layers(spec);
    // 3 meshes x 2 intervals with latencies x 2 percentiles.
    expect(lines.data.values).toHaveLength(12);
    expect(lines.data.values.filter((row) => row.percentile === "p99" && row.atS === 1.5).map((row) => row.latencyMs)).toEqual([30, 30, 30]);
    expect(rules.mark.type).toBe("rule");
    // Meshes share the scenario's events: each is drawn once.
    // Two events at one time: the second's label starts down its rule where the first's ends.
    expect(rules.data.values).toEqual([
      { atS: 1, label: "stage 2: ramp to 700/s", labelY: 0 },
      { atS: 1, label: "certificates rotate", labelY: textWidth("stage 2: ramp to 700/s", 10) + 8 },
    ]);
  });

  it("latencyOverTimeSpec starts each label at the top when the rules stand apart", () => {
    const document = withTimeline();
    document.runs = document.runs.map((run) => ({ ...run, events: [{ atS: 0.5, event: "stage 1: hold 100/s" }, { atS: 2.5, event: "certificates rotate" }] }));
    const [, rules, labels] = layers(latencyOverTimeSpec(document.runs));
    expect(rules.data.values.map((event) => event.labelY)).toEqual([0, 0]);
    expect(labels.encoding.y).toEqual({ field: "labelY", type: "quantitative", scale: null });
  });

  it("latencyOverTimeSpec cuts a label longer than the chart is high, with an ellipsis, so it stops at the chart's foot", () => {
    const document = withTimeline();
    const long = `cluster west: ${"a very long event description ".repeat(4)}end`;
    document.runs = document.runs.map((run) => ({ ...run, events: [{ atS: 0.5, event: long }, { atS: 2.5, event: "certificates rotate" }] }));
    const [, rules] = layers(latencyOverTimeSpec(document.runs));
    const [cut, short] = rules.data.values as Array<{ label: string }>;
    expect(textWidth(long, 10)).toBeGreaterThan(CHART_HEIGHT);
    expect(cut.label.endsWith("…")).toBe(true);
    expect(long.startsWith(cut.label.slice(0, -1))).toBe(true);
    expect(textWidth(cut.label, 10)).toBeLessThanOrEqual(CHART_HEIGHT);
    // One more character would not fit.
    expect(textWidth(`${long.slice(0, cut.label.length)}…`, 10)).toBeGreaterThan(CHART_HEIGHT);
    expect(short.label).toBe("certificates rotate");
  });

  it("throughputOverTimeSpec draws the offered rate once and each mesh's completions", () => {
    const spec = throughputOverTimeSpec(withTimeline().runs);
    expectCompilesCleanly(spec);
    const rows = layers(spec)[0].data.values;
    expect(rows.filter((row) => row.series === "offered").map((row) => row.perSec)).toEqual([100, 100, 100]);
    expect(rows.filter((row) => row.percentile === "completed")).toHaveLength(9);
  });

  it("throughputOverTimeSpec adds a failed line only for the meshes that failed requests", () => {
    const document = withTimeline();
    document.runs[1] = { ...document.runs[1], timeline: document.runs[1].timeline!.map((entry) => ({ ...entry, failedPerSec: 10 })) };
    const rows = layers(throughputOverTimeSpec(document.runs))[0].data.values;
    expect(rows.filter((row) => row.percentile === "failed").map((row) => row.perSec)).toEqual([10, 10, 10]);
  });

  it("reportCharts draws failing runs over time (what an outage does is these charts' point), though the other charts leave them out", () => {
    const document = withTimeline();
    const failed = { completed: 10, failed: 90, failedByReason: { "connection-refused": 90 } };
    document.runs = document.runs.map((run) => (run.mesh === "none" ? run : { ...run, requests: failed }));
    const charts = reportCharts(document);
    const overTime = charts.find((chart) => chart.name === "latency-over-time")!;
    expect(new Set(layers(overTime.spec)[0].data.values.map((row) => row.series)).size).toBe(3);
    const cdf = charts.find((chart) => chart.name === "latency-cdf")!;
    expect(new Set((cdf.spec as { data: { values: Array<{ series: string }> } }).data.values.map((row) => row.series)).size).toBe(1);
  });

  it("reportCharts adds both charts only for runs with a timeline", () => {
    expect(reportCharts(withTimeline()).map((chart) => chart.name)).toContain("latency-over-time");
    expect(reportCharts(withTimeline()).map((chart) => chart.name)).toContain("throughput-over-time");
    expect(reportCharts(runDocument()).map((chart) => chart.name)).not.toContain("latency-over-time");
  });

  it("replicasOverTimeSpec draws the ready pods of services that scale, and a dotted pending line only where pods waited for room", () => {
    const document = withTimeline();
    const scaled = (ready: number[], pending?: number[]) => (run: ReportDocument["runs"][number]) => ({
      ...run,
      timeline: run.timeline!.map((entry, index) => ({ ...entry, replicas: { api: ready[index], web: 2 }, ...(pending ? { pendingReplicas: { api: pending[index], web: 0 } } : {}) })),
    });
    document.runs = document.runs.map((run) => (run.mesh === "istio" ? scaled([2, 4, 4], [0, 1, 1])(run) : scaled([2, 4, 5])(run)));
    const spec = replicasOverTimeSpec(document.runs);
    expectCompilesCleanly(spec);
    const rows = layers(spec)[0].data.values;
    // web never changes: no line; api ready in every mesh; api pending in Istio's run only.
    expect(new Set(rows.map((row) => row.percentile))).toEqual(new Set(["api", "api pending"]));
    expect(rows.filter((row) => row.percentile === "api pending").map((row) => [row.mesh, row.atS, row.replicas])).toEqual([
      ["Istio", 1, 0],
      ["Istio", 2, 1],
      ["Istio", 3, 1],
    ]);
    const plain = replicasOverTimeSpec(withTimeline().runs.map(scaled([2, 4, 5])));
    expect(layers(plain)[0].data.values.some((row) => row.percentile === "api pending")).toBe(false);
  });
});

