/**
 * The benchmark's cases: which case script runs, at how many simulated requests, after how
 * large a warm-up. `--quick` divides every timed size by 100 for a smoke check; the warm-up keeps
 * its size (it costs well under a second) so that quick rates still come from compiled code, and
 * so does the pool-overhead case, whose tasks are already tiny (about 2 seconds in all).
 */

/** One case process to start. */
export interface BenchCase {
  name: string;
  /** Compiled case script in dist/bench/, e.g. `mm1.js`. */
  script: string;
  requests: number;
  warmupRequests: number;
  /** `timed`: a BenchResult line; `scaling`: a ScalingResult line; `overhead`: a PoolOverheadResult line; `commands`: a CommandTimings line. */
  kind: "timed" | "scaling" | "overhead" | "commands";
  /** Mesh profile the case simulates (default: none). */
  meshId?: string;
  /** Runs the scenario without its machines (no node CPU model), for the cost of the nodes model. */
  noMachines?: boolean;
  /** Records results over time, the run cut into this many intervals. */
  timelineIntervals?: number;
}

import { MAX_TIMELINE_INTERVALS } from "../src/runner/index.js";

const WARMUP_REQUESTS = 1e5;
const QUICK_DIVISOR = 100;

/**
 * The cases in the order they run. Robot-shop goes to 1e8 requests like M/M/1: at ~0.6 M
 * requests/s that is under three minutes on one core.
 * @example listBenchCases({ quick: true })[0].requests // 10000
 */
export function listBenchCases(options: { quick: boolean }): BenchCase[] {
  const divisor = options.quick ? QUICK_DIVISOR : 1;
  const timed = (base: string, script: string, requests: number): BenchCase => {
    const sized = requests / divisor;
    return { name: `${base}-1e${Math.round(Math.log10(sized))}`, script, requests: sized, warmupRequests: WARMUP_REQUESTS, kind: "timed" };
  };
  return [
    timed("mm1", "mm1.js", 1e6),
    timed("mm1", "mm1.js", 1e8),
    timed("robot-shop", "robot-shop.js", 1e6),
    timed("robot-shop", "robot-shop.js", 1e8),
    // Under Istio's sidecars: the meshed hot path, the traffic layer included.
    { ...timed("robot-shop-istio", "robot-shop.js", 1e6), meshId: "istio" },
    // The same without declared machines: the difference is what the node CPU model costs; at two
    // sizes, for its memory.
    { ...timed("robot-shop-istio-no-machines", "robot-shop.js", 1e6), meshId: "istio", noMachines: true },
    { ...timed("robot-shop-istio-no-machines", "robot-shop.js", 1e7), meshId: "istio", noMachines: true },
    // Results over time at the most intervals a run may have (MAX_TIMELINE_INTERVALS), at two
    // sizes: one compact histogram per interval, so memory must not grow with the run.
    { ...timed("robot-shop-timeline", "robot-shop.js", 1e6), timelineIntervals: MAX_TIMELINE_INTERVALS },
    { ...timed("robot-shop-timeline", "robot-shop.js", 1e7), timelineIntervals: MAX_TIMELINE_INTERVALS },
    // 999 pods, a few thousand requests: the time is mostly building the network (the pod-pair
    // tables), as every task of a large application pays it; without a mesh and under Istio. The
    // warm-up is one small run, so the build is timed with compiled code.
    { name: "many-pods", script: "many-pods.js", requests: 2e3, warmupRequests: 100, kind: "timed" },
    { name: "many-pods-istio", script: "many-pods.js", requests: 2e3, warmupRequests: 100, kind: "timed", meshId: "istio" },
    // No warm-up: each round runs in a fresh process, cold on both worker counts, as `meshsim run` is.
    { name: "scaling-mm1", script: "scaling.js", requests: 1e7 / divisor, warmupRequests: 0, kind: "scaling" },
    // The same for robot-shop under Istio with its machines: each task builds a meshed network.
    { name: "scaling-robot-shop-istio", script: "scaling.js", requests: 4e5 / divisor, warmupRequests: 0, kind: "scaling", meshId: "istio" },
    // 200 tasks of about 100 requests each; the warm-up is one untimed in-thread run of the same size.
    { name: "pool-overhead-mm1", script: "pool-overhead.js", requests: 2e4, warmupRequests: 2e4, kind: "overhead" },
    // Whole commands, start to exit: `requests` is the rounds (each command once under --quick).
    { name: "commands", script: "commands.js", requests: options.quick ? 1 : 3, warmupRequests: 0, kind: "commands" },
  ];
}
