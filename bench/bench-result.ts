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
  /**
   * The reference loop's operations per second (reference-loop.ts), wall clock, the mean of one
   * timing just before and one just after the timed run: the yardstick the speed issue states the
   * engine's M/M/1 target against. Absent in results written before it was measured.
   */
  referenceOpsPerSec?: number;
}

/** The same plan run on one worker and on two: how far worker threads scale on this machine. */
export interface ScalingResult {
  case: string;
  /** Requests completed over all replications of the plan. */
  requests: number;
  replications: number;
  /** How many times each worker count ran the plan, each round in a fresh process. */
  rounds: number;
  /** Median wall-clock seconds of the plan on 1 worker (in-thread) and on 2 worker threads. */
  wallSecondsByWorkers: { 1: number; 2: number };
  /** Every round's wall-clock seconds, in the order they ran. */
  roundWallSecondsByWorkers: { 1: number[]; 2: number[] };
  /** Median wall seconds on 1 worker divided by median wall seconds on 2. */
  speedup: number;
}

/** One cold round of the scaling plan (scaling-round.ts): wall seconds on 1 and on 2 workers. */
export interface ScalingRound {
  requests: number;
  replications: number;
  wallSecondsByWorkers: { 1: number; 2: number };
}

/**
 * What the worker pool costs per task: many tiny tasks run in this thread and on 2 worker
 * threads. Wall times are medians over `rounds` repetitions.
 */
export interface PoolOverheadResult {
  case: string;
  tasks: number;
  /** Requests completed over all tasks (about 100 per task). */
  requests: number;
  rounds: number;
  /** Wall seconds of all tasks in this thread (1 worker), after an untimed warm-up. */
  inThreadWallSeconds: number;
  /** Wall seconds of the same tasks on 2 worker threads, pool start-up and teardown included. */
  poolWallSeconds: number;
  /** inThreadWallSeconds per task, ms: what one tiny task costs without the pool. */
  inThreadMsPerTask: number;
  /**
   * (poolWallSeconds - inThreadWallSeconds / 2) / tasks, ms: the wall time the pool adds per task
   * beyond a perfect two-way split, its start-up and teardown spread over the tasks.
   */
  overheadMsPerTask: number;
  /** Wall ms of 2 near-empty tasks on 2 workers: starting and stopping the pool, alone. */
  poolStartStopMs: number;
}


/** Whole `meshsim` commands timed from process start to exit (commands.ts). */
export interface CommandTimings {
  case: string;
  /** How many times each command ran, in turn with the others, each in a fresh process. */
  rounds: number;
  commands: Array<{
    /** Short name, e.g. `small-run`. */
    name: string;
    /** The command line, with its scratch folder written `<tmp>`. */
    command: string;
    medianSeconds: number;
    /** Every round's wall-clock seconds, in the order they ran. */
    roundSeconds: number[];
  }>;
}
