/**
 * The `traffic` block of a run: what the traffic rules did, summed over replications. Each
 * host with a rule shows how many calls its proxies routed and how many bypassed it, and the
 * share each backend got, so a split that never happened (an unmeshed client) is visible.
 */

import type { TrafficCounts } from "../../mesh/index.js";
import type { ReplicationResult } from "../replication/index.js";
import type { TrafficSummary } from "../results/index.js";

/** Sums the replications' traffic counts; undefined when no rule or failure source was in play. */
export function summarizeTraffic(replications: ReplicationResult[]): TrafficSummary | undefined {
  const counts = replications.map((r) => r.traffic).filter((c): c is TrafficCounts => c !== undefined);
  if (counts.length === 0) return undefined;
  const first = counts[0];
  const total = (pick: (c: TrafficCounts) => number) => counts.reduce((sum, c) => sum + pick(c), 0);
  return {
    hosts: first.hosts.map((host, index) => {
      const byBackend: Record<string, number> = {};
      for (const c of counts) {
        for (const [service, calls] of Object.entries(c.hosts[index].byBackend)) byBackend[service] = (byBackend[service] ?? 0) + calls;
      }
      const reached = Object.values(byBackend).reduce((sum, calls) => sum + calls, 0);
      return {
        host: host.host,
        applied: total((c) => c.hosts[index].applied),
        bypassed: total((c) => c.hosts[index].bypassed),
        noRoute: total((c) => c.hosts[index].noRoute),
        byBackend: Object.fromEntries(
          Object.keys(byBackend)
            .sort()
            .map((service) => [service, { calls: byBackend[service], share: Math.round((byBackend[service] / reached) * 1e4) / 1e4 }]),
        ),
      };
    }),
    retries: total((c) => c.retries),
    retriesDenied: total((c) => c.retriesDenied),
    timeouts: total((c) => c.timeouts),
    queuedByLimit: total((c) => c.queuedByLimit),
    ejections: total((c) => c.ejections),
    faultsInjected: { delay: total((c) => c.faultsInjected.delay), abort: total((c) => c.faultsInjected.abort) },
  };
}
