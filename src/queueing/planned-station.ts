/**
 * A station that works out each job's start and departure the moment it arrives: c workers in
 * front of one FIFO queue, as a Station, for jobs whose service can be drawn on arrival. Nothing
 * overtakes in a FIFO queue, so a job starts when the earliest worker is free, and needs one
 * event (its departure) where a Station needs two (served, then worker free), and no queue.
 *
 *   arrival t -> start s = max(t, earliest worker free) -> served s + service; worker free s + worker time
 *
 * Only for a station that owns its CPU (on a shared node, contention could stretch a job after
 * its plan) and draws from its own stream (the draws stay in arrival order, which is the order a
 * Station starts jobs in). Counters are taken as a Station takes them: at each job's start.
 */

import type { Simulation } from "../engine/index.js";
import type { QueueStation, StationStats } from "./station.js";
import { checkWorkers } from "./_check-workers.js";
import type { JobTimes } from "./job-times.js";

export interface PlannedStationOptions {
  name: string;
  workers: number;
  times: JobTimes;
  /** Called when a job's service completes. */
  onServed: (job: number) => void;
  /**
   * Given, the station leaves a job's departure to it, told at arrival that the job will depart
   * at the station's `departureMs`, instead of scheduling a served event: the owner can schedule
   * where the job goes next (past delays that only add time) as one event. Absent: `onServed` at
   * the departure. (The time is read from the station: a double argument would be boxed.)
   */
  departsAt?: (job: number, station: PlannedStation) => void;
}

const INITIAL_WAITING = 16;

/** The waiting ring before a job first waits: no room, so the first wait grows it (never written). */
const NO_WAITING: Float64Array<ArrayBuffer> = new Float64Array(0);

/**
 * A FIFO multi-server queue planned at arrival. `arrive` is O(workers); nothing is allocated
 * per job.
 * @example new PlannedStation(sim, { name: "proxy", workers: 2, times: { draw() {}, serviceMs: 1, workerMs: 2 }, onServed: done }).arrive(7)
 */
export class PlannedStation implements QueueStation {
  readonly name: string;
  readonly workers: number;
  readonly #sim: Simulation;
  readonly #times: JobTimes;
  readonly #servedKind: number;
  readonly #departsAt: ((job: number, station: PlannedStation) => void) | undefined;
  /** The departure of the job that arrived last, ms (what departsAt is told of). */
  departureMs = 0;
  /** When each worker is free of every job given to it so far. */
  readonly #freeAt: Float64Array;
  /** Worker time given out so far: with #freeAt, the busy-worker integral up to any time. */
  #givenMs = 0;

  // Jobs given a worker that have not started yet, in start order (a ring): their start and
  // what is counted when they do. Empty until a job first waits: most of a large network's
  // proxies never queue.
  #starts = NO_WAITING;
  #waits = NO_WAITING;
  #services = NO_WAITING;
  #workerTimes = NO_WAITING;
  #head = 0;
  #waiting = 0;

  #visits = 0;
  #waitMs = 0;
  #serviceMs = 0;
  #workerMs = 0;
  /** Busy-worker integral at the window's start, and at its end once frozen. */
  #areaAtStart = 0;
  #windowStart = 0;
  #frozenArea = -1;
  #frozenWindow = -1;

  constructor(sim: Simulation, options: PlannedStationOptions) {
    checkWorkers(options.name, options.workers);
    this.name = options.name;
    this.workers = options.workers;
    this.#sim = sim;
    this.#times = options.times;
    this.#freeAt = new Float64Array(options.workers);
    this.#servedKind = sim.on(`${options.name}:served`, options.onServed);
    this.#departsAt = options.departsAt;
  }

  /** Jobs waiting for a worker. */
  get queueLength(): number {
    this.#countStarted();
    return this.#waiting;
  }

  /**
   * When every worker is free of the work given to it so far: the work after its last
   * departure that a Station would still hold events for.
   */
  get idleFrom(): number {
    return Math.max(this.#sim.now, ...this.#freeAt);
  }

  /** A job arrives: it gets the earliest free worker, and its departure is scheduled. */
  arrive(job: number): void {
    const now = this.#sim.now;
    this.#countStarted();
    const freeAt = this.#freeAt;
    let worker = 0;
    for (let w = 1; w < freeAt.length; w++) if (freeAt[w] < freeAt[worker]) worker = w;
    const start = freeAt[worker] > now ? freeAt[worker] : now;
    const times = this.#times;
    times.draw(job);
    const serviceMs = times.serviceMs;
    const workerMs = times.workerMs;
    freeAt[worker] = start + workerMs;
    this.#givenMs += workerMs;
    if (start > now) this.#wait(start, start - now, serviceMs, workerMs);
    else this.#count(0, serviceMs, workerMs);
    const departure = start + serviceMs;
    if (this.#departsAt !== undefined) {
      this.departureMs = departure;
      this.#departsAt(job, this);
    } else {
      this.#sim.scheduleAt(departure, this.#servedKind, job);
    }
  }

  /** @throws Error always: a planned station never holds a worker for its caller */
  release(): void {
    throw new Error(`station ${this.name}: a planned station holds no worker to release`);
  }

  /** Starts a measurement window now (after warm-up). */
  resetStats(): void {
    this.#countStarted();
    this.#visits = 0;
    this.#waitMs = 0;
    this.#serviceMs = 0;
    this.#workerMs = 0;
    this.#windowStart = this.#sim.now;
    this.#areaAtStart = this.#busyArea();
    this.#frozenArea = -1;
    this.#frozenWindow = -1;
  }

  /** Ends the window now (when arrivals stop): the drain neither dilutes utilisation nor adds work. */
  freezeUtilization(): void {
    this.#countStarted();
    this.#frozenArea = this.#busyArea();
    this.#frozenWindow = this.#sim.now - this.#windowStart;
  }

  stats(): StationStats {
    this.#countStarted();
    const frozen = this.#frozenWindow >= 0;
    return {
      visits: this.#visits,
      waitMs: this.#waitMs,
      serviceMs: this.#serviceMs,
      workerMs: this.#workerMs,
      busyWorkerMs: (frozen ? this.#frozenArea : this.#busyArea()) - this.#areaAtStart,
      windowMs: frozen ? this.#frozenWindow : this.#sim.now - this.#windowStart,
    };
  }

  // --- internal ---

  /**
   * Worker-ms busy from time 0 to now: all worker time given out, less what lies after now.
   * After now each worker's jobs run back to back (a job given out later than it could start
   * waited for the one before), so what lies ahead of it is its free time less now.
   */
  #busyArea(): number {
    const now = this.#sim.now;
    let ahead = 0;
    for (let w = 0; w < this.#freeAt.length; w++) if (this.#freeAt[w] > now) ahead += this.#freeAt[w] - now;
    return this.#givenMs - ahead;
  }

  /** Counts a job at its start, unless the window closed before it. */
  #count(waitedMs: number, serviceMs: number, workerMs: number): void {
    if (this.#frozenWindow >= 0) return;
    this.#visits++;
    this.#waitMs += waitedMs;
    this.#serviceMs += serviceMs;
    this.#workerMs += workerMs;
  }

  /** Counts the waiting jobs that have started by now. */
  #countStarted(): void {
    const now = this.#sim.now;
    const mask = this.#starts.length - 1;
    while (this.#waiting > 0 && this.#starts[this.#head] <= now) {
      const head = this.#head;
      this.#count(this.#waits[head], this.#services[head], this.#workerTimes[head]);
      this.#head = (head + 1) & mask;
      this.#waiting--;
    }
  }

  #wait(start: number, waitedMs: number, serviceMs: number, workerMs: number): void {
    if (this.#waiting === this.#starts.length) this.#grow();
    const tail = (this.#head + this.#waiting) & (this.#starts.length - 1);
    this.#starts[tail] = start;
    this.#waits[tail] = waitedMs;
    this.#services[tail] = serviceMs;
    this.#workerTimes[tail] = workerMs;
    this.#waiting++;
  }

  #grow(): void {
    const capacity = Math.max(INITIAL_WAITING, this.#starts.length * 2);
    const unrolled = (ring: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const copy = new Float64Array(capacity);
      for (let i = 0; i < this.#waiting; i++) copy[i] = ring[(this.#head + i) & (ring.length - 1)];
      return copy;
    };
    this.#starts = unrolled(this.#starts);
    this.#waits = unrolled(this.#waits);
    this.#services = unrolled(this.#services);
    this.#workerTimes = unrolled(this.#workerTimes);
    this.#head = 0;
  }
}
