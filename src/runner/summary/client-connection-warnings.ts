/**
 * The warning for a load generator whose fixed connections (load.connections) held requests
 * back: an open loop sends on its schedule, and a request that finds every connection busy waits
 * for one. Its latency counts from its intended send time (as wrk2's does), so the wait is in
 * the run's percentiles, and it is the client's doing, not the system's.
 */

import type { ReplicationResult } from "../replication/index.js";

/**
 * Share of the mean latency that waiting for a connection may take before the run says so:
 * below it, the wait is a detail of the client; above it, the latencies describe the client.
 */
export const CONNECTION_WAIT_WARNING_SHARE = 0.05;

/**
 * The warning, when the replications' requests spent at least CONNECTION_WAIT_WARNING_SHARE of
 * the run's mean latency waiting for a connection; none without fixed connections.
 * @example clientConnectionWarnings(replications, run.latencyMs.mean)
 */
export function clientConnectionWarnings(replications: readonly ReplicationResult[], meanLatencyMs: number): string[] {
  const waits = replications.flatMap((replication) => (replication.clientConnections ? [replication.clientConnections] : []));
  if (waits.length === 0) return [];
  const granted = waits.reduce((sum, wait) => sum + wait.granted, 0);
  const waited = waits.reduce((sum, wait) => sum + wait.waited, 0);
  const waitMs = waits.reduce((sum, wait) => sum + wait.waitMs, 0);
  if (granted === 0 || waited === 0) return [];
  const meanWaitMs = waitMs / granted;
  if (!(meanWaitMs >= CONNECTION_WAIT_WARNING_SHARE * meanLatencyMs)) return [];
  const connections = waits[0].connections;
  return [
    `${percent(waited / granted)} of requests found all ${connections} of the load generator's connections busy and waited ${meanWaitMs.toFixed(meanWaitMs < 10 ? 2 : 0)} ms on average for one ` +
      `(${percent(meanWaitMs / meanLatencyMs)} of the mean latency, which counts from the intended send time, as wrk2's does): the client, not the system, made that wait; ` +
      `the offered rate is near or above what ${connections} connections carry, one request each at a time (raise load.connections or lower the rate)`,
  ];
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}
