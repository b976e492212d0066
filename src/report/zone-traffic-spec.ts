/**
 * What crossing zones does to each mesh's bill: the GB per month sent between zones, and with
 * per-GB prices that traffic's money stacked on the mesh's own CPU and memory cost.
 */

import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_WIDTH, VEGA_LITE_SCHEMA } from "./_chart-style.js";
import { loadPhrase, seriesLabel, seriesOrder, type ChartRun } from "./_chart-data.js";

const PART_COLORS = { domain: ["mesh (CPU and memory)", "traffic between zones"], range: ["#4e79a7", "#f28e2b"] };

/**
 * Bars per mesh, baseline included (its traffic crosses zones too): GB per month between zones,
 * the share of calls that cross in the tooltip; with prices, a second panel of money per month,
 * the mesh's and the traffic's stacked.
 * @example zoneTrafficSpec(focusRuns(document.runs).filter((run) => run.zoneTraffic))
 */
export function zoneTrafficSpec(runs: ChartRun[]): TopLevelSpec {
  const zoned = runs.filter((run) => run.zoneTraffic !== undefined);
  const priced = zoned.length > 0 && zoned.every((run) => run.zoneTraffic!.monthlyCost !== undefined);
  const currency = priced ? zoned[0].zoneTraffic!.monthlyCost!.currency : "";
  const traffic = zoned.map((run) => ({
    series: seriesLabel(run),
    gbPerMonth: run.zoneTraffic!.crossZoneGbPerMonth,
    share: run.zoneTraffic!.crossZoneShare,
  }));
  const money = priced
    ? zoned.flatMap((run) => [
        { series: seriesLabel(run), part: "mesh (CPU and memory)", money: run.resources.monthlyCost?.total ?? 0 },
        { series: seriesLabel(run), part: "traffic between zones", money: run.zoneTraffic!.monthlyCost!.crossZone },
      ])
    : [];
  const order = seriesOrder(zoned);
  const width = Math.round(CHART_WIDTH / (priced ? 2 : 1)) - 10;
  const y = (index: number) => ({ field: "series", type: "nominal", title: null, sort: order, axis: index === 0 ? {} : { labels: false, ticks: false } });
  const panels: object[] = [
    {
      width,
      height: { step: 22 },
      data: { values: traffic },
      mark: { type: "bar", height: { band: 0.75 }, color: PART_COLORS.range[1] },
      encoding: {
        y: y(0),
        x: { field: "gbPerMonth", type: "quantitative", title: "GB per month between zones", axis: { format: ",~f" } },
        tooltip: [
          { field: "series", title: "mesh" },
          { field: "gbPerMonth", title: "GB per month", format: ",.0f" },
          { field: "share", title: "calls crossing zones", format: ".1%" },
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
              color: { field: "part", type: "nominal", title: null, scale: PART_COLORS, legend: { orient: "top", direction: "horizontal" } },
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
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Traffic between zones ${loadPhrase(zoned)}`,
      subtitle: [`Zones: ${zoned[0]?.zoneTraffic!.zones.join(", ") ?? ""}. Bytes sent from one zone to another, requests and responses, per month of 730 hours.`],
    },
    config: CHART_CONFIG,
    hconcat: panels,
    resolve: { scale: { y: "shared" } },
  } as unknown as TopLevelSpec;
}
