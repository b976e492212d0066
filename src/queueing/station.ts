/**
 * A station: c identical workers in front of one FIFO queue, each job holding a worker for a
 * sampled service time (an app replica, a proxy's worker threads, a node agent). This is the
 * G/G/c building block checked against M/M/1, M/M/c and M/D/1 theory.
 */

import type { Simulation } from "../engine/index.js";
import { JobFifo } from "./job-fifo.js";

/** Samples the service time in ms of one job (the job id lets costs depend on the request). */
export type ServiceTimeSampler = (job: number) => number;

export interface StationOptions {
  name: string;
  workers: number;
  serviceTime: ServiceTimeSampler;
  /** Called when a job's service completes. */
  onServed: (job: number) => void;
  /**
   * Thread-per-request: the worker stays busy after service until `release()` is called
   * (while the job waits for its own downstream calls).
   */
  holdsWorker?: boolean;
  /**
   * How long the job holds its worker, when that differs from its service time (both counted
   * from the start of service). Longer: the worker keeps working after the job has moved on (a
   * proxy's stats and buffers after forwarding). Shorter: the job is delayed without holding a
   * worker (a JVM's GC pause, an async wait). Default: the service time.
   */
  workerTime?: ServiceTimeSampler;
}

/** Counters of one station since the last `resetStats`. */
export interface StationStats {
  /** Jobs whose service started. */
  visits: number;
  /** Total queueing delay of those jobs, ms. */
  waitMs: number;
  /** Total service time of those jobs (start of service to moving on), ms. */
  serviceMs: number;
  /** Total time those jobs held a worker, ms: the CPU the station spent. */
  workerMs: number;
  /** Integral of busy workers over time (worker-ms), including workers held after service. */
  busyWorkerMs: number;
  /** Length of the window `busyWorkerMs` covers, ms. */
  windowMs: number;
}

/**
 * A FIFO multi-server queue. `arrive` is O(1); nothing is allocated per job.
 * @example new Station(sim, { name: "web", workers: 2, serviceTime: () => 1, onServed: done }).arrive(7)
 */
export class Station {
  readonly name: string;
  readonly workers: number;
  readonly #sim: Simulation;
  readonly #serviceTime: ServiceTimeSampler;
  readonly #holdsWorker: boolean;
  readonly #doneKind: number;
  readonly #servedKind: number;
  readonly #releaseKind: number;
  readonly #workerTime: ServiceTimeSampler | undefined;
  readonly #waiting = new JobFifo();
  #busy = 0;

  #visits = 0;
  #waitMs = 0;
  #serviceMs = 0;
  #workerMs = 0;
  #busyArea = 0;
  #areaSince = 0;
  #windowStart = 0;
  #frozenWindow = -1;

  constructor(sim: Simulation, options: StationOptions) {
    if (options.workerTime !== undefined && options.holdsWorker) {
      throw new RangeError(`station ${options.name}: workerTime and holdsWorker cannot be combined`);
    }
    if (!Number.isInteger(options.workers) || options.workers < 1) {
      throw new RangeError(`station ${options.name}: workers must be a positive integer, got ${options.workers}`);
    }
    this.name = options.name;
    this.workers = options.workers;
    this.#sim = sim;
    this.#serviceTime = options.serviceTime;
    this.#holdsWorker = options.holdsWorker ?? false;
    const onServed = options.onServed;
    this.#workerTime = options.workerTime;
    // One event when the worker is freed as the job moves on; two when the times differ.
    this.#doneKind = sim.on(`${options.name}:done`, (job) => {
      if (!this.#holdsWorker) this.release();
      onServed(job);
    });
    this.#servedKind = sim.on(`${options.name}:served`, onServed);
    this.#releaseKind = sim.on(`${options.name}:worker-free`, () => this.release());
  }

  /** Jobs waiting for a worker. */
  get queueLength(): number {
    return this.#waiting.length;
  }

  /** Workers serving or held. */
  get busyWorkers(): number {
    return this.#busy;
  }

  /** A job arrives: it starts at once on a free worker or waits in FIFO order. */
  arrive(job: number): void {
    if (this.#busy < this.workers) {
      this.#setBusy(this.#busy + 1);
      this.#start(job, 0);
    } else {
      this.#waiting.push(job, this.#sim.now);
    }
  }

  /**
   * Frees one worker, which takes the next waiting job. Called by the station itself after
   * service, or by the owner of a `holdsWorker` station when the held job is finished.
   */
  release(): void {
    const next = this.#waiting.shift();
    if (next >= 0) {
      this.#start(next, this.#sim.now - this.#waiting.shiftedTime);
    } else {
      this.#setBusy(this.#busy - 1);
    }
  }

  /** Starts a measurement window now (after warm-up). */
  resetStats(): void {
    this.#visits = 0;
    this.#waitMs = 0;
    this.#serviceMs = 0;
    this.#workerMs = 0;
    this.#busyArea = 0;
    this.#areaSince = this.#sim.now;
    this.#windowStart = this.#sim.now;
    this.#frozenWindow = -1;
  }

  /** Ends the window now (when arrivals stop): the drain neither dilutes utilisation nor adds work. */
  freezeUtilization(): void {
    this.#accumulateArea();
    this.#frozenWindow = this.#sim.now - this.#windowStart;
  }

  stats(): StationStats {
    if (this.#frozenWindow < 0) this.#accumulateArea();
    const windowMs = this.#frozenWindow >= 0 ? this.#frozenWindow : this.#sim.now - this.#windowStart;
    return {
      visits: this.#visits,
      waitMs: this.#waitMs,
      serviceMs: this.#serviceMs,
      workerMs: this.#workerMs,
      busyWorkerMs: this.#busyArea,
      windowMs,
    };
  }

  // --- internal ---

  #start(job: number, waitedMs: number): void {
    const serviceMs = this.#serviceTime(job);
    const workerMs = this.#workerTime === undefined ? serviceMs : this.#workerTime(job);
    // Work started after the window closed is the drain: counting it would divide more work
    // than the window held by the window's length (in overload, more CPU than the workers have).
    if (this.#frozenWindow < 0) {
      this.#visits++;
      this.#waitMs += waitedMs;
      this.#serviceMs += serviceMs;
      this.#workerMs += workerMs;
    }
    if (workerMs === serviceMs) {
      this.#sim.schedule(serviceMs, this.#doneKind, job);
    } else {
      this.#sim.schedule(serviceMs, this.#servedKind, job);
      this.#sim.schedule(workerMs, this.#releaseKind, job);
    }
  }

  #setBusy(busy: number): void {
    this.#accumulateArea();
    this.#busy = busy;
  }

  #accumulateArea(): void {
    if (this.#frozenWindow >= 0) return;
    const now = this.#sim.now;
    this.#busyArea += this.#busy * (now - this.#areaSince);
    this.#areaSince = now;
  }
}
