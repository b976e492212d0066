/**
 * CFS bandwidth control for the containers of one NodeCpu: a limited container gets a quota of
 * limit x period per period (100 ms), less the idle CPU it burns while it runs, and once its
 * threads have used it they wait, throttled, for the next period. A container whose limit its
 * threads can never reach has its periods counted (cAdvisor's nr_periods) but no quota tracked.
 * The node's processor sharing gives every runnable thread the same progress, so a container's
 * quota runs out when the node's virtual clock V reaches
 *   Vx = V + (quota - used) / (its runnable threads),
 * a marker in the node's heap beside the jobs (kept out of it while one of the container's own
 * jobs ends before Vx, since that end moves Vx anyway). A throttled container's jobs leave the
 * heap, keeping what they have left, until the next period. Here are the quotas, markers, periods
 * and throttling counters; the node keeps the jobs, the clock and the runnable count, and tells
 * this what changes (a job starts, ends or goes on), V as it is then read from the node's clock.
 */

import type { IndexedHeap, Simulation } from "../engine/index.js";
import { SLOT_MARKER, type CpuJobs } from "./_cpu-jobs.js";

/** CFS counters of one container in the measurement window (the node adds the CPU it used). */
export interface CfsStats {
  /** CFS periods in which it had work (cAdvisor's nr_periods), and those it was throttled in. */
  periods: number;
  throttledPeriods: number;
  /** Time it spent throttled, ms. */
  throttledMs: number;
}

/** What a node shares of its clock: V, CPU-ms a runnable thread has received so far. */
export interface NodeClock {
  virtual: number;
}

/** The quotas and periods of one node's containers, working on the node's heap and job slots. */
export class CfsBandwidth {
  readonly #sim: Simulation;
  readonly #clock: NodeClock;
  readonly #heap: IndexedHeap;
  readonly #jobs: CpuJobs;
  readonly #periodMs: number;
  readonly #periodKind: number;
  #periodTimerOn = false;
  #periodIndex = 0;
  /** When the current CFS period ends (while the period timer is on). */
  #periodEndsAt = 0;

  /** Each container's quota now (Infinity: not tracked), and its quota while it runs and while it is stopped. */
  readonly #quotaMs: number[] = [];
  readonly #runningQuotaMs: number[] = [];
  readonly #stoppedQuotaMs: number[] = [];
  /** Containers with a CPU limit, tracked or not: their periods are counted. */
  readonly #limited: number[] = [];
  readonly #hasLimit: boolean[] = [];
  /** Each container's jobs on the node now, throttled or not. */
  readonly #active: number[] = [];
  readonly #marker: number[] = [];
  /**
   * Where each container's marker goes (Infinity: nowhere this period). It waits outside the
   * heap while one of the container's jobs ends first: that end places it again.
   */
  readonly #markerKey: number[] = [];
  readonly #usedMs: number[] = [];
  readonly #usedAtVirtual: number[] = [];
  readonly #throttled: boolean[] = [];
  readonly #throttledSince: number[] = [];
  readonly #hadWork: boolean[] = [];
  readonly #stats: CfsStats[] = [];
  #counting = true;

  /** `periodKind`: the node's event for a period's end, whose handler calls `newPeriod`. */
  constructor(sim: Simulation, clock: NodeClock, heap: IndexedHeap, jobs: CpuJobs, periodMs: number, periodKind: number) {
    this.#sim = sim;
    this.#clock = clock;
    this.#heap = heap;
    this.#jobs = jobs;
    this.#periodMs = periodMs;
    this.#periodKind = periodKind;
  }

  /**
   * Adds container `id` (already in the node's job slots). `limit`: its quota a period while it
   * runs (its idle load takes the rest of the limit) and while it is stopped, and whether it runs
   * now; absent: no limit. `tracked` false: a limit its threads can never reach, whose periods
   * alone are counted.
   */
  addContainer(id: number, limit?: { runningMs: number; stoppedMs: number; tracked: boolean; running: boolean }): void {
    const tracked = limit !== undefined && limit.tracked;
    this.#runningQuotaMs.push(tracked ? limit.runningMs : Infinity);
    this.#stoppedQuotaMs.push(tracked ? limit.stoppedMs : Infinity);
    this.#quotaMs.push(tracked ? (limit.running ? limit.runningMs : limit.stoppedMs) : Infinity);
    this.#hasLimit.push(limit !== undefined);
    if (limit !== undefined) this.#limited.push(id);
    this.#active.push(0);
    this.#marker.push(tracked ? this.#jobs.allocate(SLOT_MARKER, id) : -1);
    this.#markerKey.push(Infinity);
    this.#usedMs.push(0);
    this.#usedAtVirtual.push(0);
    this.#throttled.push(false);
    this.#throttledSince.push(0);
    this.#hadWork.push(false);
    this.#stats.push({ periods: 0, throttledPeriods: 0, throttledMs: 0 });
  }

  /** Whether the container has a CPU limit (its periods counted), whether or not it can bind. */
  isLimited(container: number): boolean {
    return this.#hasLimit[container];
  }

  /** Whether the container's quota is tracked: a limit its threads can reach. */
  isTracked(container: number): boolean {
    return this.#quotaMs[container] !== Infinity;
  }

  /**
   * The container started or stopped (the node brought V up to now): a stopped container burns
   * no idle CPU, so none of its quota goes to it. A throttled container stays so until the
   * period ends.
   */
  setRunning(container: number, running: boolean): void {
    const quotaMs = running ? this.#runningQuotaMs[container] : this.#stoppedQuotaMs[container];
    if (quotaMs === this.#quotaMs[container]) return;
    this.#settleUse(container);
    this.#quotaMs[container] = quotaMs;
    this.#placeMarker(container);
  }

  isThrottled(container: number): boolean {
    return this.#throttled[container];
  }

  /** A job of tracked `container` has started, linked and (unless throttled) in the heap, at the clock's V. */
  started(container: number): void {
    // Periods first: the periods that passed while the node was idle are counted before this job
    // marks the current one as worked in, and the marker's placement reads when it ends.
    if (!this.#periodTimerOn && this.#limited.length > 0) this.#startPeriods();
    this.#hadWork[container] = true;
    this.#settleUse(container);
    this.#active[container]++;
    this.#placeMarker(container);
  }

  /**
   * A job of a container whose quota is not tracked has started: only the periods are kept (its
   * own counted if it has a limit), since it can never be throttled.
   */
  startedUntracked(container: number): void {
    if (!this.#periodTimerOn && this.#limited.length > 0) this.#startPeriods();
    if (!this.#hasLimit[container]) return;
    this.#hadWork[container] = true;
    this.#active[container]++;
  }

  /** A job of a container whose quota is not tracked has ended. */
  endedUntracked(container: number): void {
    if (this.#hasLimit[container]) this.#active[container]--;
  }

  /** A job of tracked `container` has ended and left the heap and its container's list, at the clock's V. */
  ended(container: number): void {
    this.#settleUse(container);
    this.#active[container]--;
    this.#placeMarker(container);
  }

  /** A job of running `container` went on (NodeCpu.runMore) to a later finish in the heap. */
  wentOn(container: number): void {
    // The job that kept the container's marker waiting may now end after it.
    if (this.#markerKey[container] !== Infinity && !this.#heap.contains(this.#marker[container])) this.#holdMarker(container);
  }

  /**
   * The container's marker was due (and has left the heap): it has used its quota, so its threads
   * stop until the next period. Returns how many threads left the heap.
   */
  throttle(container: number): number {
    const virtual = this.#clock.virtual;
    this.#settleUse(container);
    this.#throttled[container] = true;
    this.#throttledSince[container] = this.#sim.now;
    if (this.#counting) this.#stats[container].throttledPeriods++;
    let stopped = 0;
    const jobs = this.#jobs;
    for (let slot = jobs.firstJob[container]; slot >= 0; slot = jobs.next[slot]) {
      jobs.remaining[slot] = Math.max(0, this.#heap.keyOf(slot) - virtual);
      this.#heap.remove(slot);
      stopped++;
    }
    return stopped;
  }

  /** A period ended (the node brought V up to now): quotas refill. Returns how many threads resumed. */
  newPeriod(): number {
    const virtual = this.#clock.virtual;
    this.#periodIndex++;
    // Set before the markers are placed: where they go depends on when this period ends.
    this.#periodEndsAt = this.#sim.now + this.#periodMs;
    let busy = false;
    let resumed = 0;
    const jobs = this.#jobs;
    for (const container of this.#limited) {
      this.#settleUse(container);
      this.#usedMs[container] = 0;
      if (this.#hadWork[container] && this.#counting) this.#stats[container].periods++;
      this.#hadWork[container] = this.#active[container] > 0;
      if (this.#throttled[container]) {
        if (this.#counting) this.#stats[container].throttledMs += this.#sim.now - this.#throttledSince[container];
        this.#throttled[container] = false;
        for (let slot = jobs.firstJob[container]; slot >= 0; slot = jobs.next[slot]) {
          this.#heap.push(slot, virtual + jobs.remaining[slot]);
          resumed++;
        }
        this.#usedAtVirtual[container] = virtual;
      }
      this.#placeMarker(container);
      if (this.#active[container] > 0) busy = true;
    }
    // An idle node needs no timer; the next job restarts it at the next period boundary.
    if (busy) this.#sim.schedule(this.#periodMs, this.#periodKind, 0);
    else this.#periodTimerOn = false;
    return resumed;
  }

  /** The container's counters in the window, a throttled spell going on now included. */
  stats(container: number): CfsStats {
    const stats = this.#stats[container];
    const ongoing = this.#throttled[container] && this.#counting ? this.#sim.now - this.#throttledSince[container] : 0;
    return { periods: stats.periods, throttledPeriods: stats.throttledPeriods, throttledMs: stats.throttledMs + ongoing };
  }

  /** Starts the measurement window now: a container throttled now counts this period. */
  resetStats(): void {
    this.#counting = true;
    const now = this.#sim.now;
    for (let c = 0; c < this.#stats.length; c++) {
      this.#stats[c] = { periods: 0, throttledPeriods: this.#throttled[c] ? 1 : 0, throttledMs: 0 };
      if (this.#throttled[c]) this.#throttledSince[c] = now;
    }
  }

  /** Ends the window now. */
  freezeStats(): void {
    const now = this.#sim.now;
    for (let c = 0; c < this.#stats.length; c++) {
      if (this.#throttled[c]) {
        this.#stats[c].throttledMs += now - this.#throttledSince[c];
        this.#throttledSince[c] = now;
      }
    }
    this.#counting = false;
  }

  // --- internal ---

  #startPeriods(): void {
    const virtual = this.#clock.virtual;
    this.#periodTimerOn = true;
    const now = this.#sim.now;
    const index = Math.floor(now / this.#periodMs);
    if (index > this.#periodIndex) {
      // Boundaries passed while the node was idle: quotas are full again.
      for (const container of this.#limited) {
        if (this.#hadWork[container] && this.#counting) this.#stats[container].periods++;
        this.#hadWork[container] = this.#active[container] > 0;
        this.#usedMs[container] = 0;
        this.#usedAtVirtual[container] = virtual;
      }
      this.#periodIndex = index;
    }
    this.#periodEndsAt = (index + 1) * this.#periodMs;
    this.#sim.schedule(this.#periodEndsAt - now, this.#periodKind, 0);
  }

  /** Brings a limited container's used quota up to V (before its thread count changes). */
  #settleUse(container: number): void {
    if (this.#quotaMs[container] === Infinity || this.#throttled[container]) return;
    const virtual = this.#clock.virtual;
    this.#usedMs[container] += this.#active[container] * (virtual - this.#usedAtVirtual[container]);
    this.#usedAtVirtual[container] = virtual;
  }

  /**
   * Puts a limited, running container's quota marker where its quota will run out, or takes it
   * out while it cannot run out this period: V gains at most the real time left, and the next
   * period refills the quota and places the marker again (so does any change in its threads).
   */
  #placeMarker(container: number): void {
    const marker = this.#marker[container];
    if (marker < 0) return;
    const active = this.#active[container];
    const left = active === 0 ? Infinity : Math.max(0, this.#quotaMs[container] - this.#usedMs[container]) / active;
    if (this.#throttled[container] || left >= this.#periodEndsAt - this.#sim.now) {
      this.#markerKey[container] = Infinity;
      this.#heap.remove(marker);
    } else {
      this.#markerKey[container] = this.#clock.virtual + left;
      this.#holdMarker(container);
    }
  }

  /**
   * Puts the container's marker in the heap at its key, unless one of the container's jobs ends
   * before it: V reaches that end first, and the end places the marker again (a limited app's
   * one job seldom uses its quota up, so most jobs then need no marker in the heap at all).
   */
  #holdMarker(container: number): void {
    const key = this.#markerKey[container];
    const jobs = this.#jobs;
    for (let slot = jobs.firstJob[container]; slot >= 0; slot = jobs.next[slot]) {
      if (this.#heap.keyOf(slot) < key) {
        this.#heap.remove(this.#marker[container]);
        return;
      }
    }
    this.#heap.set(this.#marker[container], key);
  }
}
