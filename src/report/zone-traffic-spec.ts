/**
 * What crossing zones does to each mesh's bill: the GB per month sent between zones, and with
 * per-GB prices that traffic's money stacked on the mesh's own CPU and memory cost.
 */

import type { TopLevelSpec } from "vega-lite";
import { seriesLabel, type ChartRun } from "./_chart-data.js";
import { crossingTrafficSpec } from "./_crossing-traffic-spec.js";

/**
 * Bars per mesh, baseline included (its traffic crosses zones too): GB per month between zones,
 * the share of calls that cross in the tooltip; with prices, a second panel of money per month,
 * the mesh's and the traffic's stacked.
 * @example zoneTrafficSpec(focusRuns(document.runs).filter((run) => run.zoneTraffic))
 */
export function zoneTrafficSpec(runs: ChartRun[]): TopLevelSpec {
  const zoned = runs.filter((run) => run.zoneTraffic !== undefined);
  return crossingTrafficSpec({
    runs: zoned,
    places: "zones",
    place: "zone",
    names: zoned[0]?.zoneTraffic!.zones.join(", ") ?? "",
    traffic: zoned.map((run) => ({
      series: seriesLabel(run),
      gbPerMonth: run.zoneTraffic!.crossZoneGbPerMonth,
      share: run.zoneTraffic!.crossZoneShare,
    })),
    color: "#f28e2b",
    shareTitle: "calls crossing zones",
    moneyOf: (run) => {
      const cost = run.zoneTraffic!.monthlyCost;
      return cost && { perMonth: cost.crossZone, currency: cost.currency };
    },
  });
}
