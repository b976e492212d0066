/**
 * Where a request's time goes: time at each kind of station per request (mean per visit x
 * visits), per mesh, stacked; beside it the mesh's own stations alone, whose milliseconds would
 * be a sliver next to the application's.
 */

import type { TopLevelSpec } from "vega-lite";
import type { HopSummary } from "../runner/index.js";
import { CHART_CONFIG, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, seriesLabel, seriesOrder, type ChartRun } from "./_chart-data.js";

/** Station kinds by the prefix of their name, in stacking order, with their colours. */
const STATION_KINDS: { prefix: string; label: string; color: string; mesh: boolean }[] = [
  { prefix: "app", label: "application", color: "#bcc3cc", mesh: false },
  { prefix: "external", label: "external service", color: "#8d99a6", mesh: false },
  { prefix: "sidecar", label: "sidecar proxy", color: "#4e79a7", mesh: true },
  { prefix: "agent", label: "node agent", color: "#59a14f", mesh: true },
  { prefix: "ztunnel", label: "ztunnel (per node)", color: "#76b7b2", mesh: true },
  { prefix: "waypoint", label: "waypoint proxy", color: "#f28e2b", mesh: true },
  { prefix: "envoy", label: "node Envoy (L7)", color: "#b07aa1", mesh: true },
  { prefix: "kernel", label: "kernel eBPF hook", color: "#d4a017", mesh: true },
  { prefix: "wireguard", label: "WireGuard (kernel)", color: "#9c755f", mesh: true },
  { prefix: "ipsec", label: "IPsec (kernel)", color: "#ff9da7", mesh: true },
];
const OTHER_KIND = { prefix: "", label: "other", color: "#e15759", mesh: true };

/**
 * Stacked bars, one per mesh: milliseconds per request at each station, coloured by kind.
 * Parallel calls overlap in time, so a bar can be longer than the request's latency.
 * @example hopBreakdownSpec(focusRuns(document.runs))
 */
export function hopBreakdownSpec(runs: ChartRun[]): TopLevelSpec {
  const values = runs.flatMap((run) =>
    run.hops
      .filter((hop) => hop.visitsPerRequest > 0)
      .map((hop) => {
        const kind = stationKind(hop);
        return {
          series: seriesLabel(run),
          station: hop.station,
          kind: kind.label,
          kindOrder: STATION_KINDS.indexOf(kind),
          meshOwn: kind.mesh,
          msPerRequest: Number((hop.meanMs * hop.visitsPerRequest).toPrecision(4)),
          meanMs: hop.meanMs,
          visitsPerRequest: hop.visitsPerRequest,
          utilization: hop.utilization,
        };
      }),
  );
  const kinds = [...STATION_KINDS, OTHER_KIND].filter((kind) => values.some((value) => value.kind === kind.label));
  const color = { field: "kind", type: "nominal", title: "station", scale: { domain: kinds.map((k) => k.label), range: kinds.map((k) => k.color) } } as const;
  const order = seriesOrder(runs);
  const panel = (title: string, filter: string | undefined, axisTitle: string, showLabels: boolean) => ({
    title: { text: title, fontSize: 12.5, anchor: "start" },
    ...(filter ? { transform: [{ filter }] } : {}),
    width: Math.round(CHART_WIDTH / 2) - 20,
    height: { step: 22 },
    mark: { type: "bar", stroke: "white", strokeWidth: 0.75, height: { band: 0.75 } },
    encoding: {
      y: { field: "series", type: "nominal", title: null, sort: order, axis: showLabels ? {} : { labels: false, ticks: false } },
      x: { field: "msPerRequest", type: "quantitative", title: axisTitle, stack: "zero" },
      color,
      order: { field: "kindOrder", type: "quantitative" },
      tooltip: [
        { field: "series", title: "mesh" },
        { field: "station", title: "station" },
        { field: "msPerRequest", title: "ms per request", format: ".3~r" },
        { field: "meanMs", title: "ms per visit", format: ".3~r" },
        { field: "visitsPerRequest", title: "visits per request", format: ".2f" },
        { field: "utilization", title: "busy", format: ".0%" },
      ],
    },
  });
  const hasMeshTime = values.some((value) => value.meshOwn);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Where a request's time goes ${loadPhrase(runs)}`,
      subtitle: [
        "Time at each station per request: queueing plus service per visit, times visits per request.",
        "Calls made in parallel overlap, so a bar can be longer than the request's latency.",
      ],
    },
    config: CHART_CONFIG,
    data: { values },
    hconcat: [
      panel("all stations", undefined, "ms per request", true),
      ...(hasMeshTime ? [panel("the mesh's own stations", "datum.meshOwn", "ms per request (mesh only)", false)] : []),
    ],
    // A shared y scale keeps the rows of both panels aligned (the baseline has no mesh stations).
    resolve: { scale: { x: "independent", y: "shared" } },
  } as unknown as TopLevelSpec;
}

// --- internal ---

function stationKind(hop: HopSummary) {
  const prefix = hop.station.split("/")[0];
  return STATION_KINDS.find((kind) => kind.prefix === prefix) ?? OTHER_KIND;
}
