/**
 * The chart of traffic that crosses a boundary (zones, clusters) and what it does to each mesh's
 * bill: GB per month per mesh, and with per-GB prices that traffic's money stacked on the mesh's
 * own CPU and memory cost. zone-traffic-spec.ts and cluster-traffic-spec.ts say what crosses.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, seriesLabel, seriesOrder, type ChartRun } from "./_chart-data.js";

const MESH_PART = "mesh (CPU and memory)";
const MESH_COLOR = "#4e79a7";

/** Colours of a panel's stacked parts, as a vega-lite scale. */
export interface PartColors {
  domain: string[];
  range: string[];
}

/** What crosses, per run: the rows of the GB panel and the traffic's money. */
export interface CrossingTraffic {
  /** The runs that have this traffic, baseline included. */
  runs: ChartRun[];
  /** What the traffic crosses, plural and singular: "zones", "zone". */
  places: string;
  place: string;
  /** The places as the subtitle lists them. */
  names: string;
  /** Rows of the GB panel: series, gbPerMonth, share, and part when `parts` is given. */
  traffic: object[];
  /** The parts the GB bars stack, with their colours; absent: one bar per run, in `color`. */
  parts?: PartColors;
  /** Colour of the traffic: its bars without parts, and its share of the money. */
  color: string;
  /** Tooltip title of the share of calls that cross. */
  shareTitle: string;
  /** The traffic's money per month in a run; undefined without per-GB prices. */
  moneyOf: (run: ChartRun) => { perMonth: number; currency: string } | undefined;
}

/**
 * Bars per mesh of GB per month across `places`, the share of calls that cross in the tooltip;
 * when every run has prices, a second panel of money per month, the mesh's and the traffic's stacked.
 * @example crossingTrafficSpec({ runs, places: "zones", place: "zone", names: "a, b", traffic, color: "#f28e2b", shareTitle: "calls crossing zones", moneyOf })
 */
export function crossingTrafficSpec(crossing: CrossingTraffic): TopLevelSpec {
  const { runs, places, parts } = crossing;
  const priced = runs.length > 0 && runs.every((run) => crossing.moneyOf(run) !== undefined);
  const currency = priced ? crossing.moneyOf(runs[0])!.currency : "";
  const trafficPart = `traffic between ${places}`;
  const money = priced
    ? runs.flatMap((run) => [
        { series: seriesLabel(run), part: MESH_PART, money: run.resources.monthlyCost?.total ?? 0 },
        { series: seriesLabel(run), part: trafficPart, money: crossing.moneyOf(run)!.perMonth },
      ])
    : [];
  const order = seriesOrder(runs);
  const width = Math.round(CHART_WIDTH / (priced ? 2 : 1)) - 10;
  const y = (index: number) => ({ field: "series", type: "nominal", title: null, sort: order, axis: index === 0 ? {} : { labels: false, ticks: false } });
  const colorOf = (scale: PartColors) => ({ field: "part", type: "nominal", title: null, scale, legend: { orient: "top", direction: "horizontal" } });
  const panels: object[] = [
    {
      width,
      height: { step: 22 },
      data: { values: crossing.traffic },
      mark: { type: "bar", height: { band: 0.75 }, ...(parts ? {} : { color: crossing.color }) },
      encoding: {
        y: y(0),
        x: { field: "gbPerMonth", type: "quantitative", title: `GB per month between ${places}`, ...(parts ? { stack: "zero" } : {}), axis: { format: ",~f" } },
        ...(parts ? { color: colorOf(parts) } : {}),
        tooltip: [
          { field: "series", title: "mesh" },
          ...(parts ? [{ field: "part", title: "part" }] : []),
          { field: "gbPerMonth", title: "GB per month", format: ",.0f" },
          { field: "share", title: crossing.shareTitle, format: ".1%" },
        ],
      },
    },
    ...(priced
      ? [
          {
            width,
            height: { step: 22 },
            data: { values: money },
            mark: { type: "bar", height: { band: 0.75 } },
            encoding: {
              y: y(1),
              x: { field: "money", type: "quantitative", title: `${currency} per month`, stack: "zero", axis: { format: ",~f" } },
              color: colorOf({ domain: [MESH_PART, trafficPart], range: [MESH_COLOR, crossing.color] }),
              tooltip: [
                { field: "series", title: "mesh" },
                { field: "part", title: "part" },
                { field: "money", title: `${currency} per month`, format: ",.2f" },
              ],
            },
          },
        ]
      : []),
  ];
  const placesTitle = places[0].toUpperCase() + places.slice(1);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Traffic between ${places} ${loadPhrase(runs)}`,
      subtitle: [`${placesTitle}: ${crossing.names}. Bytes sent from one ${crossing.place} to another, requests and responses, per month of 730 hours.`],
    },
    config: CHART_CONFIG,
    hconcat: panels,
    // Stacked parts in the GB panel are a second colour scale, apart from the money panel's.
    resolve: { scale: { y: "shared", ...(parts ? { color: "independent" } : {}) } },
  } as unknown as TopLevelSpec;
}
