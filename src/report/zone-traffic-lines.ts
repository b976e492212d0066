/**
 * The terminal table's lines on traffic between zones: per run, the share of calls that cross
 * zones, the GB per month that cross, and their money next to the mesh's own cost; a run that
 * completed no request says so instead, as the table shows no latency for it.
 */

import type { RunSummary } from "../runner/index.js";
import { formatCount } from "./format-number.js";

/**
 * What a run that completed no request shows in place of its traffic: the calls it made were all
 * refused or failed, and GB and money for them would read as the cost of a working mesh.
 */
export const NO_TRAFFIC_COMPLETED = "no request completed, so no traffic to count";

/**
 * Lines under a "traffic between zones per month" heading; none when no run has zones.
 * @example zoneTrafficLines(runs, (run) => "200 rps") // ["", "traffic between zones per month:", "  istio @ 200 rps: 66.4% of calls cross zones, 1,314 GB, 26.28 USD (mesh 7.09 USD)"]
 */
export function zoneTrafficLines(runs: readonly RunSummary[], loadOf: (run: RunSummary) => string): string[] {
  const zoned = runs.filter((run) => run.zoneTraffic);
  if (zoned.length === 0) return [];
  const lines = zoned.map((run) => {
    if (run.requests.completed === 0) return `  ${run.mesh} @ ${loadOf(run)}: ${NO_TRAFFIC_COMPLETED}`;
    const traffic = run.zoneTraffic!;
    const money = traffic.monthlyCost ? `, ${traffic.monthlyCost.crossZone.toFixed(2)} ${traffic.monthlyCost.currency}` : "";
    const mesh = run.resources.monthlyCost && traffic.monthlyCost ? ` (mesh ${run.resources.monthlyCost.total.toFixed(2)} ${run.resources.monthlyCost.currency})` : "";
    return `  ${run.mesh} @ ${loadOf(run)}: ${(traffic.crossZoneShare * 100).toFixed(1)}% of calls cross zones, ${formatCount(traffic.crossZoneGbPerMonth)} GB${money}${mesh}`;
  });
  return ["", `traffic between zones per month (${zoned[0].zoneTraffic!.zones.join(", ")}):`, ...lines];
}
