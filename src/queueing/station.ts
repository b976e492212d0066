/**
 * A station: c identical workers in front of one FIFO queue, each job holding a worker for a
 * sampled service time (an app replica, a proxy's worker threads, a node agent). This is the
 * G/G/c building block checked against M/M/1, M/M/c and M/D/1 theory. On a node with cores
 * (`cpu`), the CPU part of each job runs on the node's shared CPU, so it stretches when the
 * node's runnable threads outnumber its cores or the container is throttled.
 *
 *   app:                 [CPU: share x service][wait: the rest] -> served, worker free
 *   proxy, CPU >= path:  [CPU: path] -> served (forwarded) [CPU: the rest] -> worker free
 *   proxy, CPU < path:   [CPU: all] -> worker free [wait: path - CPU] -> served
 */

import type { Simulation } from "../engine/index.js";
import { JobFifo } from "./job-fifo.js";
import type { CpuClient, CpuDemand } from "./cpu-client.js";
import type { NodeCpu } from "./node-cpu.js";
import { checkWorkers } from "./_check-workers.js";
import type { JobTimes } from "./job-times.js";

/** Samples the service time in ms of one job (the job id lets costs depend on the request). */
export type ServiceTimeSampler = (job: number) => number;

export interface StationOptions {
  name: string;
  workers: number;
  /** Samples each job's service time; or give `times` instead. */
  serviceTime?: ServiceTimeSampler;
  /**
   * Each job's service and worker times drawn together (a proxy's pass), in place of
   * `serviceTime` and `workerTime`: read from fields, they cross no call as doubles.
   */
  times?: JobTimes;
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
   * worker (a JVM's GC pause, an async wait). Default: the service time. Always asked right
   * after `serviceTime` for the same job, so the two may be worked out together.
   */
  workerTime?: ServiceTimeSampler;
  /**
   * Share of the service time that burns CPU (without `workerTime`), 0-1; the rest holds the
   * worker but no core (sleep, disk, locks). Default 1.
   */
  cpuShare?: number;
  /** The node CPU the station's container runs on; absent: the station owns its CPU (no contention). */
  cpu?: { node: NodeCpu; container: number };
}

// What a job's CPU segment leads to when it is done (see the sketch at the top).
const AFTER_CPU_WAIT_THEN_DONE = 0;
const AFTER_CPU_SERVED_THEN_MORE_CPU = 1;
const AFTER_CPU_RELEASE = 2;
const AFTER_CPU_RELEASE_THEN_SERVED = 3;

/** Counters of one station since the last `resetStats`. */
export interface StationStats {
  /** Jobs whose service started. */
  visits: number;
  /** Total queueing delay of those jobs, ms. */
  waitMs: number;
  /** Total service time of those jobs (start of service to moving on), ms. */
  serviceMs: number;
  /** CPU those jobs used, ms (their time holding a worker, less any share spent waiting). */
  workerMs: number;
  /** Integral of busy workers over time (worker-ms), including workers held after service. */
  busyWorkerMs: number;
  /** Length of the window `busyWorkerMs` covers, ms. */
  windowMs: number;
}

/** What the network and the runner use of a station (a Station, or a PlannedStation). */
export interface QueueStation {
  readonly name: string;
  readonly workers: number;
  /** Jobs waiting for a worker. */
  readonly queueLength: number;
  arrive(job: number): void;
  /** Frees the worker a held job had (thread-per-request apps). */
  release(): void;
  resetStats(): void;
  freezeUtilization(): void;
  stats(): StationStats;
}

/**
 * A FIFO multi-server queue. `arrive` is O(1); nothing is allocated per job.
 * @example new Station(sim, { name: "web", workers: 2, serviceTime: () => 1, onServed: done }).arrive(7)
 */
export class Station implements CpuClient, QueueStation {
  readonly name: string;
  readonly workers: number;
  readonly #sim: Simulation;
  readonly #serviceTime: ServiceTimeSampler | undefined;
  readonly #times: JobTimes | undefined;
  readonly #holdsWorker: boolean;
  readonly #doneKind: number;
  readonly #servedKind: number;
  readonly #releaseKind: number;
  readonly #workerTime: ServiceTimeSampler | undefined;
  readonly #cpuShare: number;
  readonly #node: NodeCpu | undefined;
  readonly #container: number;
  readonly #onServed: (job: number) => void;
  /** What the next job asks of the node, refilled for each. */
  readonly #demand: CpuDemand = { demandMs: 0, carryMs: 0 };
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
    if ((options.workerTime !== undefined || options.times !== undefined) && options.holdsWorker) {
      throw new RangeError(`station ${options.name}: workerTime and holdsWorker cannot be combined`);
    }
    if ((options.serviceTime === undefined) === (options.times === undefined) || (options.times !== undefined && options.workerTime !== undefined)) {
      throw new RangeError(`station ${options.name}: give either serviceTime (and optionally workerTime) or times`);
    }
    checkWorkers(options.name, options.workers);
    this.name = options.name;
    this.workers = options.workers;
    this.#sim = sim;
    this.#serviceTime = options.serviceTime;
    this.#times = options.times;
    this.#holdsWorker = options.holdsWorker ?? false;
    const onServed = options.onServed;
    this.#workerTime = options.workerTime;
    this.#onServed = onServed;
    this.#cpuShare = options.cpuShare ?? 1;
    if (!(this.#cpuShare >= 0 && this.#cpuShare <= 1)) throw new RangeError(`station ${options.name}: cpuShare must be within 0-1, got ${options.cpuShare}`);
    this.#node = options.cpu?.node;
    this.#container = options.cpu?.container ?? -1;
    // One event when the worker is freed as the job moves on; two when the times differ.
    this.#doneKind = sim.on(`${options.name}:done`, (job) => this.#done(job));
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
      this.#start(job, false);
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
      this.#start(next, true);
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

  /** The node CPU finished a segment of `job` (NodeCpu calls this). */
  cpuDone(job: number, phase: number): void {
    const node = this.#node!;
    const carry = node.finishedCarryMs;
    // Every job's first segment ends where its service would have without contention: the
    // stretch is how much longer the node made it.
    if (phase !== AFTER_CPU_RELEASE && this.#frozenWindow < 0) this.#serviceMs += node.finishedStretchMs;
    switch (phase) {
      case AFTER_CPU_WAIT_THEN_DONE:
        if (carry > 0) this.#sim.schedule(carry, this.#doneKind, job);
        else this.#done(job);
        return;
      case AFTER_CPU_SERVED_THEN_MORE_CPU:
        if (carry > 0) node.runMore(this.#ask(carry, 0), AFTER_CPU_RELEASE);
        else this.release();
        this.#onServed(job);
        return;
      case AFTER_CPU_RELEASE:
        this.release();
        return;
      case AFTER_CPU_RELEASE_THEN_SERVED:
        this.release();
        this.#sim.schedule(carry, this.#servedKind, job);
        return;
    }
  }

  // --- internal ---

  #done(job: number): void {
    if (!this.#holdsWorker) this.release();
    this.#onServed(job);
  }

  /** Starts `job` on a worker; `queued`: it comes from the queue (its wait is then counted). */
  // (A flag, not the wait: a double argument to a call V8 does not inline is boxed, once per job.)
  #start(job: number, queued: boolean): void {
    const times = this.#times;
    let serviceMs: number;
    let workerMs: number;
    let timed = true;
    if (times !== undefined) {
      times.draw(job);
      serviceMs = times.serviceMs;
      workerMs = times.workerMs;
    } else {
      serviceMs = this.#serviceTime!(job);
      timed = this.#workerTime !== undefined;
      workerMs = timed ? this.#workerTime!(job) : serviceMs;
    }
    const cpuMs = timed ? workerMs : this.#cpuShare * serviceMs;
    // Work started after the window closed is the drain: counting it would divide more work
    // than the window held by the window's length (in overload, more CPU than the workers have).
    if (this.#frozenWindow < 0) {
      this.#visits++;
      if (queued) this.#waitMs += this.#sim.now - this.#waiting.shiftedTime;
      this.#serviceMs += serviceMs;
      this.#workerMs += cpuMs;
    }
    const node = this.#node;
    if (node !== undefined && cpuMs > 0) {
      if (!timed) node.run(this.#container, this.#ask(cpuMs, serviceMs - cpuMs), this, job, AFTER_CPU_WAIT_THEN_DONE);
      else if (workerMs >= serviceMs) node.run(this.#container, this.#ask(serviceMs, workerMs - serviceMs), this, job, AFTER_CPU_SERVED_THEN_MORE_CPU);
      else node.run(this.#container, this.#ask(workerMs, serviceMs - workerMs), this, job, AFTER_CPU_RELEASE_THEN_SERVED);
      return;
    }
    if (workerMs === serviceMs) {
      this.#sim.schedule(serviceMs, this.#doneKind, job);
    } else {
      this.#sim.schedule(serviceMs, this.#servedKind, job);
      this.#sim.schedule(workerMs, this.#releaseKind, job);
    }
  }

  /** The demand object refilled for the next job's CPU. */
  #ask(demandMs: number, carryMs: number): CpuDemand {
    const demand = this.#demand;
    demand.demandMs = demandMs;
    demand.carryMs = carryMs;
    return demand;
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
