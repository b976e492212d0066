/**
 * The stations of each service's pods (its app's and its sidecars'), whose CPU is what a
 * HorizontalPodAutoscaler reads of the service.
 */

import type { RequestFlow } from "../../mesh/index.js";
import type { ReplicationTask } from "./replication-task.js";

/** Per service (scenario order), its pods' stations: the app's and its sidecars' (none for an external service). */
export function stationsByService(flow: RequestFlow, task: ReplicationTask): number[][] {
  const { stationGroup } = flow.network;
  return task.scenario.topology.services.map((service) =>
    stationGroup.flatMap((group, station) => (group === `app/${service.name}` || group === `sidecar/${service.name}` ? [station] : [])),
  );
}

/** CPU the stations have used since their counters were last reset, ms. */
export function stationsCpuMs(flow: RequestFlow, list: number[]): number {
  const { stations } = flow.network;
  let sum = 0;
  for (const station of list) sum += stations[station].stats().workerMs;
  return sum;
}
