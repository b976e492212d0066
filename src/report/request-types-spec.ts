/**
 * p99 per request type and mesh as a table of coloured cells: which request types a mesh slows
 * down, and by how much compared with the fastest mesh for that type.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, seriesLabel, seriesOrder, type ChartRun } from "./_chart-data.js";

/** Widest a column of the grid gets, px; narrower when there are many meshes. */
const CELL_WIDTH = 78;
const CELL_HEIGHT = 24;

/**
 * A grid: request types down, meshes across; each cell shows the p99 in ms and is coloured by
 * how much slower it is than the fastest mesh for that request type.
 * @example requestTypesSpec(focusRuns(document.runs))
 */
export function requestTypesSpec(runs: ChartRun[]): TopLevelSpec {
  const types = [...new Set(runs.flatMap((run) => Object.keys(run.byRequestType)))];
  // A request type none of whose requests completed has no p99 (null in a results file, NaN in
  // memory): its cell is left blank rather than drawn as "NaN" or counted as the fastest.
  const measured = (run: ChartRun) => Object.entries(run.byRequestType).filter(([, summary]) => hasLatency(summary.latencyMs.p99));
  const fastest = new Map(types.map((type) => [type, Math.min(...runs.map((run) => p99OrInfinity(run.byRequestType[type]?.latencyMs.p99)))]));
  const blanks = runs.some((run) => measured(run).length < types.length);
  const values = runs.flatMap((run) =>
    measured(run).map(([type, summary]) => {
      const best = fastest.get(type)!;
      const p99 = summary.latencyMs.p99;
      return {
        series: seriesLabel(run),
        type,
        p99,
        p99Text: formatCell(p99),
        slowerPct: best > 0 ? Number(((p99 / best - 1) * 100).toFixed(1)) : 0,
        completed: summary.requests.completed,
      };
    }),
  );
  const maxSlower = Math.max(1, ...values.map((value) => value.slowerPct));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `p99 by request type ${loadPhrase(runs)}`,
      subtitle: [
        "Each cell is the p99 in ms; the colour is how much slower it is than the fastest mesh for that request type.",
        ...(blanks ? ["A blank cell: no request of that type completed under that mesh."] : []),
      ],
    },
    config: { ...CHART_CONFIG, axis: { ...CHART_CONFIG.axis, grid: false, domain: false, ticks: false } },
    data: { values },
    width: { step: CELL_WIDTH },
    height: { step: CELL_HEIGHT },
    encoding: {
      x: { field: "series", type: "nominal", title: null, sort: seriesOrder(runs), axis: { orient: "top", labelAngle: -30, labelAlign: "left", labelPadding: 6 } },
      y: { field: "type", type: "nominal", title: "request type", sort: types },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 1.5 },
        encoding: {
          color: {
            field: "slowerPct",
            type: "quantitative",
            title: "% slower",
            scale: { scheme: "oranges", domain: [0, maxSlower], nice: false },
            legend: { format: "~r", direction: "vertical", gradientLength: 160 },
          },
          tooltip: [
            { field: "type", title: "request type" },
            { field: "series", title: "mesh" },
            { field: "p99", title: "p99 ms", format: ".3~r" },
            { field: "slowerPct", title: "% slower than the fastest", format: ".1f" },
            { field: "completed", title: "requests", format: "," },
          ],
        },
      },
      {
        mark: { type: "text", fontSize: 11 },
        encoding: {
          text: { field: "p99Text" },
          color: { condition: { test: `datum.slowerPct > ${maxSlower * 0.6}`, value: "white" }, value: "#222" },
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

// --- internal ---

function hasLatency(p99: number | null | undefined): p99 is number {
  return typeof p99 === "number" && Number.isFinite(p99);
}

function p99OrInfinity(p99: number | null | undefined): number {
  return hasLatency(p99) ? p99 : Infinity;
}

function formatCell(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toPrecision(2);
}
