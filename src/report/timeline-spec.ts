/**
 * Results over time: latency percentiles and throughput per interval of `runs[].timeline`, one
 * line per mesh, with the run's events (stage changes, rotations, outages) as labelled rules.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, meshOrder, seriesLabel, type ChartRun } from "./_chart-data.js";
import { meshColorScale, meshLabel } from "./mesh-style.js";
import { textWidth } from "./_text-width.js";

const PERCENTILES = [
  ["p50", "p50Ms"],
  ["p99", "p99Ms"],
] as const;

/**
 * p50 (dashed) and p99 (solid) of the requests completed in each interval, per mesh, against
 * time into the measured window (log scale: a spike and the steady state both stay legible).
 * @example latencyOverTimeSpec(focusRuns(document.runs).filter((run) => run.timeline))
 */
export function latencyOverTimeSpec(runs: ChartRun[]): TopLevelSpec {
  const values = timelineRuns(runs).flatMap((run) =>
    run.timeline!.flatMap((entry) =>
      PERCENTILES.flatMap(([percentile, field]) =>
        entry[field] === null ? [] : [{ mesh: meshLabel(run.mesh), series: seriesLabel(run), percentile, atS: entry.atS + entry.durationS / 2, latencyMs: entry[field] }],
      ),
    ),
  );
  return overTime(runs, {
    title: `Latency over time ${loadPhrase(timelineRuns(runs))}`,
    subtitle: "p99 (solid) and p50 (dashed) of the requests completed in each interval; rules mark the run's events.",
    values,
    y: { field: "latencyMs", type: "quantitative", title: "latency (ms, log scale)", scale: { type: "log", nice: false }, axis: { format: "~r" } },
    strokeDash: { field: "percentile", type: "nominal", title: null, scale: { domain: ["p99", "p50"], range: [[1, 0], [5, 3]] } },
    tooltipField: { field: "latencyMs", title: "ms", format: ".3~r" },
  });
}

/**
 * Requests completed per second in each interval, per mesh, over the rate offered (grey).
 * @example throughputOverTimeSpec(focusRuns(document.runs).filter((run) => run.timeline))
 */
export function throughputOverTimeSpec(runs: ChartRun[]): TopLevelSpec {
  const withTimeline = timelineRuns(runs);
  const offered = withTimeline[0]?.timeline?.map((entry) => ({ mesh: "offered", series: "offered", percentile: "offered", atS: entry.atS + entry.durationS / 2, perSec: entry.offeredPerSec })) ?? [];
  const values = [
    ...offered,
    ...withTimeline.flatMap((run) =>
      run.timeline!.map((entry) => ({ mesh: meshLabel(run.mesh), series: seriesLabel(run), percentile: "completed", atS: entry.atS + entry.durationS / 2, perSec: entry.completedPerSec })),
    ),
    // Failures only for runs that have some: a flat zero line per mesh would only add clutter.
    ...withTimeline
      .filter((run) => run.timeline!.some((entry) => entry.failedPerSec > 0))
      .flatMap((run) =>
        run.timeline!.map((entry) => ({ mesh: meshLabel(run.mesh), series: `${seriesLabel(run)} failed`, percentile: "failed", atS: entry.atS + entry.durationS / 2, perSec: entry.failedPerSec })),
      ),
  ];
  return overTime(runs, {
    title: `Throughput over time ${loadPhrase(withTimeline)}`,
    subtitle: "Requests completed (solid) and failed (dotted) per second in each interval per mesh; the grey line is the rate offered.",
    values,
    y: { field: "perSec", type: "quantitative", title: "requests per second" },
    strokeDash: { field: "percentile", type: "nominal", title: null, scale: { domain: ["completed", "failed", "offered"], range: [[1, 0], [2, 2], [6, 3]] } },
    tooltipField: { field: "perSec", title: "requests/s", format: ".4~r" },
    extraSeries: { domain: ["offered"], range: ["#999999"] },
  });
}

/**
 * Ready pods of each autoscaled service at the end of each interval, per mesh (one dash pattern
 * per service): where a sidecar's CPU and requests move the autoscaler. Pods pending (no node had
 * room for them) get a dotted line of their own, in runs where some waited.
 * @example replicasOverTimeSpec(focusRuns(document.runs).filter((run) => run.timeline))
 */
export function replicasOverTimeSpec(runs: ChartRun[]): TopLevelSpec {
  const withTimeline = timelineRuns(runs);
  // The services whose replicas change in some run: a fixed deployment's flat line adds nothing.
  const counts = new Map<string, Set<number>>();
  for (const run of withTimeline) for (const entry of run.timeline!) for (const [service, n] of Object.entries(entry.replicas ?? {})) counts.set(service, (counts.get(service) ?? new Set()).add(n));
  const services = [...counts].filter(([, seen]) => seen.size > 1).map(([service]) => service);
  const pendingServices = services.filter((service) => withTimeline.some((run) => run.timeline!.some((entry) => (entry.pendingReplicas?.[service] ?? 0) > 0)));
  const line = (run: ChartRun, entry: NonNullable<ChartRun["timeline"]>[number], what: string, replicas: number) => ({
    mesh: meshLabel(run.mesh),
    series: `${seriesLabel(run)} ${what}`,
    percentile: what,
    atS: entry.atS + entry.durationS,
    replicas,
  });
  const values = withTimeline.flatMap((run) =>
    run.timeline!.flatMap((entry) => [
      ...Object.entries(entry.replicas ?? {}).filter(([service]) => services.includes(service)).map(([service, replicas]) => line(run, entry, service, replicas)),
      ...Object.entries(entry.pendingReplicas ?? {}).filter(([service]) => pendingServices.includes(service)).map(([service, pending]) => line(run, entry, `${service} pending`, pending)),
    ]),
  );
  const pendingNote = pendingServices.length > 0 ? " Dotted: pods pending, the autoscaler asked for them but no node had room." : "";
  return overTime(runs, {
    title: `Replicas over time ${loadPhrase(withTimeline)}`,
    subtitle: `Pods ready (in their callers' load balancing) at the end of each interval, per mesh and service.${pendingNote}`,
    values,
    y: { field: "replicas", type: "quantitative", title: pendingServices.length > 0 ? "pods" : "ready pods" },
    strokeDash: {
      field: "percentile",
      type: "nominal",
      title: "service",
      scale: { domain: [...services, ...pendingServices.map((service) => `${service} pending`)], range: [...services.map((_, index) => DASHES[index % DASHES.length]), ...pendingServices.map(() => PENDING_DASH)] },
    },
    tooltipField: { field: "replicas", title: "pods", format: ".3~r" },
  });
}

/** Pending pods: dotted, apart from every service's own pattern. */
const PENDING_DASH = [1, 3];
const DASHES = [[1, 0], [5, 3], [2, 2], [8, 3, 2, 3]];

// --- internal ---

function timelineRuns(runs: ChartRun[]): ChartRun[] {
  return runs.filter((run) => run.timeline !== undefined && run.timeline.length > 0);
}

interface OverTime {
  title: string;
  subtitle: string;
  values: Array<Record<string, unknown>>;
  y: Record<string, unknown>;
  strokeDash: Record<string, unknown>;
  tooltipField: Record<string, unknown>;
  extraSeries?: { domain: string[]; range: string[] };
}

/** A line per series against time, with a labelled rule per event of the runs. */
function overTime(runs: ChartRun[], chart: OverTime): TopLevelSpec {
  const withTimeline = timelineRuns(runs);
  const meshColors = meshColorScale(meshOrder(withTimeline));
  const colors = chart.extraSeries ? { domain: [...meshColors.domain, ...chart.extraSeries.domain], range: [...meshColors.range, ...chart.extraSeries.range] } : meshColors;
  const events = laneLabels(eventsOf(withTimeline), chart.values);
  const layers: unknown[] = [
    {
      data: { values: chart.values },
      mark: { type: "line", strokeWidth: 2 },
      encoding: {
        x: { field: "atS", type: "quantitative", title: "time into the measured window (s)" },
        y: chart.y,
        color: { field: "mesh", type: "nominal", title: "mesh", scale: colors },
        strokeDash: chart.strokeDash,
        detail: { field: "series" },
        tooltip: [{ field: "series", title: "mesh" }, { field: "percentile", title: "line" }, { field: "atS", title: "s", format: ".3~r" }, chart.tooltipField],
      },
    },
  ];
  if (events.length > 0) {
    layers.push(
      { data: { values: events }, mark: { type: "rule", color: "#555", strokeDash: [2, 3] }, encoding: { x: { field: "atS", type: "quantitative" } } },
      // Written down along each rule; a label whose rule stands too close to the one before starts
      // where that one's label ends (labelY, pixels from the top), so the two do not print over each other.
      {
        data: { values: events },
        mark: { type: "text", angle: 90, align: "left", baseline: "bottom", dx: 4, dy: -3, fontSize: EVENT_FONT_SIZE, color: "#333" },
        encoding: { x: { field: "atS", type: "quantitative" }, y: { field: "labelY", type: "quantitative", scale: null }, text: { field: "label" } },
      },
    );
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: chart.title, subtitle: [chart.subtitle] },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: layers,
  } as unknown as TopLevelSpec;
}

const EVENT_FONT_SIZE = 10;
/** Rules nearer than this, in pixels, would print their labels over each other. */
const LABEL_CLEARANCE_PX = 14;

/**
 * Each event with where its label starts down its rule: 0 (the top), or below the label of the
 * event before when their rules stand closer than a label's height on the time axis drawn
 * (`values`' and the events' times over CHART_WIDTH pixels) and the chart has the room.
 */
function laneLabels(events: Array<{ atS: number; label: string }>, values: ReadonlyArray<Record<string, unknown>>): Array<{ atS: number; label: string; labelY: number }> {
  const times = [...values.map((value) => Number(value.atS)), ...events.map((event) => event.atS)].filter(Number.isFinite);
  const span = Math.max(...times, 0) - Math.min(...times, 0);
  const pixelsPerS = span > 0 ? CHART_WIDTH / span : 0;
  let previous: { atS: number; end: number } | undefined;
  return events.map((event) => {
    const full = textWidth(event.label, EVENT_FONT_SIZE);
    const close = previous !== undefined && (event.atS - previous.atS) * pixelsPerS < LABEL_CLEARANCE_PX;
    // A label that would run past the chart's foot starts at the top again.
    const labelY = close && previous!.end + full <= CHART_HEIGHT ? previous!.end : 0;
    const label = fitLabel(event.label, CHART_HEIGHT - labelY);
    previous = { atS: event.atS, end: labelY + textWidth(label, EVENT_FONT_SIZE) + 8 };
    return { ...event, label, labelY };
  });
}

/** The label cut to `maxPx` with an ellipsis, so a long one stops at the chart's foot (runs[].events keeps it whole). */
function fitLabel(label: string, maxPx: number): string {
  if (textWidth(label, EVENT_FONT_SIZE) <= maxPx) return label;
  let end = label.length;
  while (end > 0 && textWidth(`${label.slice(0, end).trimEnd()}…`, EVENT_FONT_SIZE) > maxPx) end--;
  return `${label.slice(0, end).trimEnd()}…`;
}

/** The runs' events, each once (meshes share the scenario's timeline), the autoscalers' left out. */
function eventsOf(runs: ChartRun[]): Array<{ atS: number; label: string }> {
  const seen = new Map<string, { atS: number; label: string }>();
  // The autoscalers' decisions differ per mesh: the replicas chart shows them, rules would crowd the charts.
  for (const run of runs) for (const event of run.events ?? []) if (!event.event.startsWith("autoscaler")) seen.set(`${event.atS}\u0000${event.event}`, { atS: event.atS, label: event.event });
  return [...seen.values()].sort((a, b) => a.atS - b.atS);
}
