/**
 * A real measurement to hold a prediction against, whatever tool produced it: the rate the
 * load generator achieved, latency percentiles, and the mesh's CPU and memory when known.
 */

export interface MeasuredPercentile {
  /** 50, 75, 90, 99, 99.9, … */
  percentile: number;
  valueMs: number;
}

export interface MeasuredResources {
  vcpu?: number;
  memoryMb?: number;
}

export interface Measurement {
  /** The file as named to the user. */
  file: string;
  format: "fortio" | "smp";
  /** Requests per second the load generator achieved (Fortio ActualQPS, SMP actual_QPS). */
  qps: number;
  /** Requests per second it was asked for, when a number (Fortio RequestedQPS, SMP clients[].rps). */
  requestedQps?: number;
  /** Percentiles in increasing order. */
  percentiles: MeasuredPercentile[];
  meanMs?: number;
  maxMs?: number;
  /** Requests the latencies cover. */
  count?: number;
  /** Failed requests as a fraction of all (non-2xx HTTP codes, gRPC not SERVING). */
  failedRate?: number;
  /** Proxies (SMP `sidecar`) and control plane (SMP `mesh_control_plane`). */
  dataPlane?: MeasuredResources;
  controlPlane?: MeasuredResources;
  /** Free text the tool recorded (Fortio Labels, SMP labels). */
  labels?: string;
}

/** How far the achieved rate may fall short of the requested one for the generator to count as keeping pace. */
const KEPT_PACE = 0.05;

/**
 * The rate to replay a measurement at: the requested rate when the load generator kept pace
 * with it (within 5%), as an open loop offers exactly that; else the rate it achieved (it fell
 * behind, or ran flat out with `-qps max`). Rounded to 0.01 requests/s.
 * @example replayRate({ qps: 999.7, requestedQps: 1000 } as Measurement) // 1000
 */
export function replayRate(measurement: Pick<Measurement, "qps" | "requestedQps">): number {
  const { qps, requestedQps } = measurement;
  const rate = requestedQps !== undefined && Math.abs(qps - requestedQps) <= KEPT_PACE * requestedQps ? requestedQps : qps;
  return Math.round(rate * 100) / 100;
}

/**
 * The percentile's name as the results document spells it.
 * @example percentileName(99.9) // "p99.9"
 */
export function percentileName(percentile: number): string {
  return `p${percentile}`;
}
