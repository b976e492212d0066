/**
 * Times one replication of a scenario sized by a number of requests: a small warm-up run first
 * (so the JIT has compiled the hot paths), then the timed run, then this process's memory.
 */

import { meshOfTask, runReplication, type ReplicationTask } from "../src/runner/index.js";
import { loadMeshProfile, type Scenario } from "../src/scenario/index.js";
import type { BenchResult } from "./bench-result.js";
import type { CaseArgs } from "./parse-case-args.js";
import { timeReferenceLoop } from "./reference-loop.js";

/** Reference-loop operations timed on each side of the run: about 0.08 s, as the speed gate's. */
const REFERENCE_ROUND_OPERATIONS = 1_000_000;

export interface MeasureOptions {
  caseName: string;
  scenario: Scenario;
  ratePerSec: number;
  /** Requests the timed run should simulate; the run lasts requests / ratePerSec seconds. */
  requests: number;
  /** Requests simulated, untimed, before the timed run. */
  warmupRequests: number;
  /** Mesh profile to simulate (default: none). */
  meshId?: string;
  /** Results over time: the run cut into this many intervals (absent or 0: no timeline). */
  timelineIntervals?: number;
}

/**
 * Runs the warm-up and the timed replication and reports speed and memory.
 * Peak RSS covers the whole process, so call this once per fresh process.
 */
export function measureReplication(options: MeasureOptions): BenchResult {
  const { scenario, ratePerSec } = options;
  const meshId = options.meshId ?? "none";
  const intervals = options.timelineIntervals ?? 0;
  if (options.warmupRequests > 0) runReplication(createTask(scenario, ratePerSec, options.warmupRequests, meshId, intervals));

  const task = createTask(scenario, ratePerSec, options.requests, meshId, intervals);
  // Timed on both sides of the run, so a burst of load on the machine moves the yardstick too.
  const referenceBefore = timeReferenceLoop(1, REFERENCE_ROUND_OPERATIONS);
  const started = performance.now();
  const result = runReplication(task);
  const wallSeconds = (performance.now() - started) / 1000;
  const referenceAfter = timeReferenceLoop(1, REFERENCE_ROUND_OPERATIONS);

  const heapUsedBytes = process.memoryUsage().heapUsed;
  // maxRSS is in kilobytes (KiB on Linux).
  const peakRssKb = process.resourceUsage().maxRSS;
  return {
    case: options.caseName,
    requests: result.requests.completed,
    events: result.eventsProcessed,
    wallSeconds: round(wallSeconds, 3),
    requestsPerSec: Math.round(result.requests.completed / wallSeconds),
    eventsPerSec: Math.round(result.eventsProcessed / wallSeconds),
    peakRssMb: round(peakRssKb / 1024, 1),
    heapUsedMb: round(heapUsedBytes / 2 ** 20, 1),
    peakInFlight: result.peakInFlight,
    referenceOpsPerSec: Math.round((referenceBefore + referenceAfter) / 2),
  };
}

/**
 * A case process's whole job: measures one replication of `scenario` at its own rate, as the case's
 * command line asks (parse-case-args.ts), and prints the result's JSON line.
 */
export function printMeasuredCase(args: CaseArgs, scenario: Scenario): void {
  const result = measureReplication({
    caseName: args.caseName,
    scenario,
    ratePerSec: scenario.load.ratePerSec,
    requests: args.requests,
    warmupRequests: args.warmupRequests,
    meshId: args.meshId,
    timelineIntervals: args.timelineIntervals,
  });
  console.log(JSON.stringify(result));
}

/**
 * A benchmark task: no mesh (unless asked) and no warm-up window, so every simulated request is
 * counted and `requests` matches the size asked for; with `timelineIntervals`, results over time
 * in that many intervals.
 */
export function createTask(scenario: Scenario, ratePerSec: number, requests: number, meshId = "none", timelineIntervals = 0): ReplicationTask {
  const profile = loadMeshProfile(meshId);
  const durationS = requests / ratePerSec;
  return {
    scenario,
    meshId,
    profile,
    ...meshOfTask(profile, scenario, "off"),
    ratePerSec,
    durationS,
    ...(timelineIntervals > 0 ? { intervalS: durationS / timelineIntervals } : {}),
    warmupS: 0,
    seed: 1,
    loadPointKey: `rps=${ratePerSec}`,
    replication: 0,
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
