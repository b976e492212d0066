/**
 * The apps' overload check, from the call trees alone: a service whose workers, or CPU limit, are
 * offered 100% or more at a planned rate can never keep up. Before the meshes are known it counts
 * each call once; for a mesh whose proxies apply the traffic rules, their known retries too.
 */

import { offeredLoad, OverloadError } from "../../mesh/index.js";
import type { Scenario } from "../../scenario/index.js";

/**
 * Refuses a rate at which some service cannot keep up, naming it; `retried`: count the expected
 * tries of calls through traffic rules (expectedTries).
 * @throws OverloadError naming the busiest service (its workers, or its CPU limit)
 */
export function refuseAppOverload(scenario: Scenario, ratePerSec: number, retried: boolean): void {
  const loads = offeredLoad(scenario.topology, ratePerSec, true, retried);
  const worst = loads.reduce((a, b) => (b.utilization > a.utilization ? b : a));
  if (worst.utilization >= 1) {
    const once = retried ? offeredLoad(scenario.topology, ratePerSec).find((load) => load.service === worst.service)!.utilization : worst.utilization;
    const byRetries = worst.utilization > once ? `, ${((worst.utilization - once) * 100).toFixed(0)} points of it from retries` : "";
    throw new OverloadError(
      `${scenario.file}: overloaded at ${ratePerSec} requests/s: service ${worst.service} would be ` +
        `${(worst.utilization * 100).toFixed(0)}% busy (utilisation >= 1${byRetries}, queues grow without bound); ` +
        `lower the rate or add replicas or concurrency`,
      `app/${worst.service}`,
    );
  }
  const limitShare = (load: (typeof loads)[number]) => load.cpuLimitUtilization ?? 0;
  const tightest = loads.reduce((a, b) => (limitShare(b) > limitShare(a) ? b : a));
  if (limitShare(tightest) >= 1) {
    throw new OverloadError(
      `${scenario.file}: overloaded at ${ratePerSec} requests/s: service ${tightest.service} would need ` +
        `${(limitShare(tightest) * 100).toFixed(0)}% of its CPU limit (CFS throttles it in every period, queues grow without bound); ` +
        `lower the rate, or raise its resources.cpuLimit or replicas`,
      `app/${tightest.service}`,
    );
  }
}
