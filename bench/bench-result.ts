/**
 * What one benchmark case reports: the single JSON line a case process prints on stdout, which
 * the parent (run-bench.ts) collects into the table and bench/results/*.json.
 */

/** One timed replication: its speed and the memory its process needed. */
export interface BenchResult {
  /** Case name, e.g. `mm1-1e6`. */
  case: string;
  /** Requests completed in the timed run (measured, not the target size). */
  requests: number;
  /** Simulation events handled in the timed run. */
  events: number;
  /** Wall-clock seconds of the timed run only (no process start, build or warm-up). */
  wallSeconds: number;
  requestsPerSec: number;
  eventsPerSec: number;
  /** Peak resident set size of the whole case process (warm-up included), MB. */
  peakRssMb: number;
  /** V8 heap in use right after the timed run, before any forced collection, MB. */
  heapUsedMb: number;
  /** Most requests in flight at once during the timed run. */
  peakInFlight: number;
}

/** The same plan run on one worker and on two: how far worker threads scale on this machine. */
export interface ScalingResult {
  case: string;
  /** Requests completed over all replications of the plan. */
  requests: number;
  replications: number;
  /** Wall-clock seconds of the plan on 1 worker (in-thread) and on 2 worker threads. */
  wallSecondsByWorkers: { 1: number; 2: number };
  /** Wall seconds on 1 worker divided by wall seconds on 2. */
  speedup: number;
}

