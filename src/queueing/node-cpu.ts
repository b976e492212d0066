/**
 * The cores of one node, shared by every container on it as Linux CFS shares them to a first
 * order: processor sharing among runnable threads, each thread running on at most one core, so
 * with n runnable threads on C cores each progresses at min(1, C/n). A container with a CPU
 * limit gets CFS bandwidth control: a quota of limit x period per period (100 ms), and once it
 * has used it its threads wait, throttled, for the next period.
 *
 * Every runnable thread progresses at the same rate, so one virtual clock V (CPU-ms a runnable
 * thread has received) serves them all: a job of demand d started at V0 ends when V reaches
 * V0 + d. Jobs sit in a heap keyed by that virtual finish. The node keeps one timer at the
 * earliest finish and moves it at every change (a new job, a finish, a rate change), so each
 * finish costs one timer and no plan that a change superseded ever fires. A limited container's quota runs out when V reaches
 *   Vx = V + (quota - used) / (its runnable threads),
 * a marker in the same heap (kept out of it while one of the container's own jobs ends before
 * Vx, since that end moves Vx anyway). A throttled container's jobs leave the heap (keeping what they
 * have left) until the next period. Per change O(log n), and O(its jobs) for a limited
 * container whose marker moves; no allocation per job once grown.
 */

import { IndexedHeap, type Simulation } from "../engine/index.js";
import { CpuJobs, SLOT_JOB, SLOT_MARKER } from "./_cpu-jobs.js";

/** CFS's default bandwidth period (cpu.cfs_period_us = 100000). */
export const CFS_PERIOD_MS = 100;

/** Told when a job's CPU work is done. */
export interface CpuClient {
  /**
   * `phase` and `carry` are what the client passed to `run`; `stretchMs` is how much longer
   * the work took than its demand (0 on an idle node).
   */
  cpuDone(job: number, phase: number, carry: number, stretchMs: number): void;
}

/** What one container used and how often it was throttled, in the measurement window. */
export interface ContainerCpuStats {
  /** CPU its jobs asked for (counted when they start), ms. */
  cpuMs: number;
  /** CFS periods in which it had work (cAdvisor's nr_periods), and those it was throttled in. */
  periods: number;
  throttledPeriods: number;
  /** Time it spent throttled, ms. */
  throttledMs: number;
}

/** Relative slack within which a time or a virtual finish counts as reached (floating-point rounding). */
const DUE_TOLERANCE = 1e-12;

/** The shared CPU of one node. */
export class NodeCpu {
  readonly name: string;
  readonly cores: number;
  readonly #sim: Simulation;
  readonly #periodMs: number;
  readonly #timer: number;
  /** When the timer is set to go off (Infinity: off). */
  #timerAt = Infinity;
  readonly #periodKind: number;
  readonly #heap = new IndexedHeap();

  /** Virtual time, the rate it advances at, and when it was last brought up to date. */
  #virtual = 0;
  #rate = 1;
  #updatedAt = 0;
  /** Threads running now (throttled containers' threads excluded). */
  #runnable = 0;
  /** Cores left after the containers' constant background (idle) load. */
  #capacity: number;
  #idleVcpu = 0;
  #periodTimerOn = false;
  #periodIndex = 0;
  /** When the current CFS period ends (while the period timer is on). */
  #periodEndsAt = 0;

  readonly #jobs = new CpuJobs();
  /** The job whose cpuDone is running (-1: none), which runMore goes on with. */
  #finishing = -1;
  /** Whether the timer's handler is taking what is due (run() then leaves the timer to it). */
  #finishingDue = false;

  // Containers.
  readonly #containerNames: string[] = [];
  readonly #quotaMs: number[] = [];
  readonly #limited: number[] = [];
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
  /** Counters of the window; CPU asked for is apart, as it is counted on every job. */
  readonly #stats: ContainerCpuStats[] = [];
  readonly #cpuMs: number[] = [];
  #counting = true;

  constructor(sim: Simulation, options: { name: string; cores: number; periodMs?: number }) {
    if (!(options.cores > 0)) throw new RangeError(`node ${options.name}: cores must be positive, got ${options.cores}`);
    this.name = options.name;
    this.cores = options.cores;
    this.#capacity = options.cores;
    this.#sim = sim;
    this.#periodMs = options.periodMs ?? CFS_PERIOD_MS;
    this.#timer = sim.timer(`${options.name}:cpu`, () => this.#onNext());
    this.#periodKind = sim.on(`${options.name}:cfs-period`, () => this.#onPeriod());
  }

  /** Constant background CPU on the node (idle proxies' stats flushes, health checks), vCPU. */
  get idleVcpu(): number {
    return this.#idleVcpu;
  }

  /** Threads running now. */
  get runnable(): number {
    return this.#runnable;
  }

  /**
   * Adds a container (a cgroup). `limitVcpu`: its CPU limit (CFS quota = limit x period);
   * `idleVcpu`: CPU it burns whatever its load, taken from the node's cores and from its quota;
   * `threads`: the most threads it runs at once (its workers). A limit at or above what its
   * threads (or the node's cores) can use never throttles, so it is not tracked. Returns its id.
   * @throws RangeError when the containers' idle load would leave the node no cores
   */
  addContainer(name: string, limitVcpu?: number, idleVcpu = 0, threads = Infinity): number {
    const id = this.#containerNames.length;
    if (this.#idleVcpu + idleVcpu >= this.cores) {
      throw new RangeError(`node ${this.name}: the containers' idle CPU (${(this.#idleVcpu + idleVcpu).toFixed(3)} vCPU) takes all ${this.cores} cores`);
    }
    this.#idleVcpu += idleVcpu;
    this.#capacity = this.cores - this.#idleVcpu;
    const limited = limitVcpu !== undefined && limitVcpu - idleVcpu < Math.min(threads, this.cores);
    this.#containerNames.push(name);
    this.#quotaMs.push(limited ? Math.max(0, limitVcpu - idleVcpu) * this.#periodMs : Infinity);
    if (limited) this.#limited.push(id);
    this.#active.push(0);
    this.#jobs.addContainer();
    this.#marker.push(limited ? this.#jobs.allocate(SLOT_MARKER, id) : -1);
    this.#markerKey.push(Infinity);
    this.#usedMs.push(0);
    this.#usedAtVirtual.push(0);
    this.#throttled.push(false);
    this.#throttledSince.push(0);
    this.#hadWork.push(false);
    this.#stats.push({ cpuMs: 0, periods: 0, throttledPeriods: 0, throttledMs: 0 });
    this.#cpuMs.push(0);
    return id;
  }

  /**
   * Runs `demandMs` (> 0) of CPU for `job` in `container`; `client.cpuDone(job, phase, carry,
   * stretch)` is called when it is done.
   */
  run(container: number, demandMs: number, client: CpuClient, job: number, phase: number, carry: number): void {
    this.#advance();
    const slot = this.#jobs.allocate(SLOT_JOB, container);
    this.#jobs.job[slot] = job;
    this.#jobs.phase[slot] = phase;
    this.#jobs.carry[slot] = carry;
    this.#jobs.demand[slot] = demandMs;
    this.#jobs.startedAt[slot] = this.#sim.now;
    this.#jobs.client[slot] = client;
    if (this.#counting) this.#cpuMs[container] += demandMs;
    this.#hadWork[container] = true;
    this.#settleUse(container);
    this.#active[container]++;
    this.#jobs.link(slot);
    if (this.#throttled[container]) {
      this.#jobs.remaining[slot] = demandMs;
    } else {
      this.#heap.push(slot, this.#virtual + demandMs);
      this.#runnable++;
    }
    // Periods first: the marker's placement reads when the current one ends.
    if (!this.#periodTimerOn && this.#limited.length > 0) this.#startPeriods();
    this.#placeMarker(container);
    // Within this node's own finishing, its timer is set once when all that is due is done.
    if (this.#finishingDue) this.#updateRate();
    else this.#reschedule();
  }

  /**
   * Only from within `cpuDone`: the job just done goes on for `demandMs` (> 0) more on the same
   * thread, as one job asking for both would (a proxy forwards, then finishes its pass), and
   * `cpuDone(job, phase, carry, stretch)` follows when that is done. Cheaper than a new `run`:
   * the container's threads do not change, so nothing but the job's finish moves.
   */
  runMore(demandMs: number, phase: number, carry: number): void {
    const slot = this.#finishing;
    if (slot < 0) throw new Error(`node ${this.name}: runMore() outside cpuDone()`);
    this.#finishing = -1;
    this.#jobs.phase[slot] = phase;
    this.#jobs.carry[slot] = carry;
    this.#jobs.demand[slot] = demandMs;
    this.#jobs.startedAt[slot] = this.#sim.now;
    const container = this.#jobs.container[slot];
    if (this.#counting) this.#cpuMs[container] += demandMs;
    // The job is still in the heap, due: it moves to its new finish.
    if (this.#throttled[container]) {
      this.#heap.remove(slot);
      this.#jobs.remaining[slot] = demandMs;
      this.#runnable--;
    } else {
      this.#heap.set(slot, this.#virtual + demandMs);
      // The job that kept the container's marker waiting may now end after it.
      if (this.#markerKey[container] !== Infinity && !this.#heap.contains(this.#marker[container])) this.#holdMarker(container);
    }
  }

  /** The container's counters in the measurement window. */
  containerStats(container: number): ContainerCpuStats {
    if (this.#throttled[container] && this.#counting) {
      return { ...this.#stats[container], cpuMs: this.#cpuMs[container], throttledMs: this.#stats[container].throttledMs + (this.#sim.now - this.#throttledSince[container]) };
    }
    return { ...this.#stats[container], cpuMs: this.#cpuMs[container] };
  }

  /** Whether the container has a CPU limit (CFS quota). */
  isLimited(container: number): boolean {
    return this.#quotaMs[container] !== Infinity;
  }

  /** Starts the measurement window now. */
  resetStats(): void {
    this.#counting = true;
    const now = this.#sim.now;
    for (let c = 0; c < this.#stats.length; c++) {
      this.#stats[c] = { cpuMs: 0, periods: 0, throttledPeriods: this.#throttled[c] ? 1 : 0, throttledMs: 0 };
      this.#cpuMs[c] = 0;
      if (this.#throttled[c]) this.#throttledSince[c] = now;
    }
  }

  /** Ends the window now: work started later is the drain and is not counted. */
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

  #advance(): void {
    const now = this.#sim.now;
    if (now > this.#updatedAt) {
      this.#virtual += (now - this.#updatedAt) * this.#rate;
      this.#updatedAt = now;
    }
  }

  /** After any change: the rate, and the timer at the earliest finish or marker. */
  #reschedule(): void {
    this.#updateRate();
    const at = this.#heap.size === 0 ? Infinity : this.#sim.now + Math.max(0, this.#heap.topKey - this.#virtual) / this.#rate;
    if (at === this.#timerAt) return;
    this.#timerAt = at;
    this.#sim.setTimer(this.#timer, at);
  }

  #updateRate(): void {
    this.#rate = this.#runnable > this.#capacity ? this.#capacity / this.#runnable : 1;
  }

  #onNext(): void {
    this.#timerAt = Infinity;
    this.#advance();
    const heap = this.#heap;
    // Take every entry due now; rounding may leave one a hair short of the clock. One whose
    // finish the real clock cannot tell from now is due too, or its event would recur at now.
    const due = this.#virtual + Math.max(1, Math.abs(this.#virtual)) * DUE_TOLERANCE;
    const now = this.#sim.now;
    this.#finishingDue = true;
    while (heap.size > 0 && (heap.topKey <= due || now + (heap.topKey - this.#virtual) / this.#rate === now)) {
      const slot = heap.top;
      if (this.#jobs.kind[slot] === SLOT_MARKER) {
        heap.remove(slot);
        this.#throttle(this.#jobs.container[slot]);
      } else {
        this.#finish(slot);
      }
    }
    this.#finishingDue = false;
    this.#reschedule();
  }

  /**
   * Tells the client, then lets the job (due, still in the heap) go unless the client ran it on
   * (runMore). While the client works the job still counts as running: what the client starts
   * meanwhile happens at this same instant, so no CPU is shared out before the count is put
   * right below.
   */
  #finish(slot: number): void {
    const stretch = this.#sim.now - this.#jobs.startedAt[slot] - this.#jobs.demand[slot];
    this.#finishing = slot;
    this.#jobs.client[slot].cpuDone(this.#jobs.job[slot], this.#jobs.phase[slot], this.#jobs.carry[slot], stretch > 0 ? stretch : 0);
    if (this.#finishing !== slot) return;
    this.#finishing = -1;
    this.#heap.remove(slot);
    const container = this.#jobs.container[slot];
    this.#runnable--;
    this.#settleUse(container);
    this.#active[container]--;
    this.#jobs.unlink(slot);
    this.#placeMarker(container);
    this.#jobs.release(slot);
  }

  /** The container has used its quota: its threads stop until the next period. */
  #throttle(container: number): void {
    this.#settleUse(container);
    this.#throttled[container] = true;
    this.#throttledSince[container] = this.#sim.now;
    if (this.#counting) this.#stats[container].throttledPeriods++;
    for (let slot = this.#jobs.firstJob[container]; slot >= 0; slot = this.#jobs.next[slot]) {
      this.#jobs.remaining[slot] = Math.max(0, this.#heap.keyOf(slot) - this.#virtual);
      this.#heap.remove(slot);
      this.#runnable--;
    }
  }

  #onPeriod(): void {
    this.#advance();
    this.#periodIndex++;
    // Set before the markers are placed: where they go depends on when this period ends.
    this.#periodEndsAt = this.#sim.now + this.#periodMs;
    let busy = false;
    for (const container of this.#limited) {
      this.#settleUse(container);
      this.#usedMs[container] = 0;
      if (this.#hadWork[container] && this.#counting) this.#stats[container].periods++;
      this.#hadWork[container] = this.#active[container] > 0;
      if (this.#throttled[container]) {
        if (this.#counting) this.#stats[container].throttledMs += this.#sim.now - this.#throttledSince[container];
        this.#throttled[container] = false;
        for (let slot = this.#jobs.firstJob[container]; slot >= 0; slot = this.#jobs.next[slot]) {
          this.#heap.push(slot, this.#virtual + this.#jobs.remaining[slot]);
          this.#runnable++;
        }
        this.#usedAtVirtual[container] = this.#virtual;
      }
      this.#placeMarker(container);
      if (this.#active[container] > 0) busy = true;
    }
    // An idle node needs no timer; the next job restarts it at the next period boundary.
    if (busy) this.#sim.schedule(this.#periodMs, this.#periodKind, 0);
    else this.#periodTimerOn = false;
    this.#reschedule();
  }

  #startPeriods(): void {
    this.#periodTimerOn = true;
    const now = this.#sim.now;
    const index = Math.floor(now / this.#periodMs);
    if (index > this.#periodIndex) {
      // Boundaries passed while the node was idle: quotas are full again.
      for (const container of this.#limited) {
        if (this.#hadWork[container] && this.#counting) this.#stats[container].periods++;
        this.#hadWork[container] = this.#active[container] > 0;
        this.#usedMs[container] = 0;
        this.#usedAtVirtual[container] = this.#virtual;
      }
      this.#periodIndex = index;
    }
    this.#periodEndsAt = (index + 1) * this.#periodMs;
    this.#sim.schedule(this.#periodEndsAt - now, this.#periodKind, 0);
  }

  /** Brings a limited container's used quota up to now (before its thread count changes). */
  #settleUse(container: number): void {
    if (this.#quotaMs[container] === Infinity || this.#throttled[container]) return;
    this.#usedMs[container] += this.#active[container] * (this.#virtual - this.#usedAtVirtual[container]);
    this.#usedAtVirtual[container] = this.#virtual;
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
      this.#markerKey[container] = this.#virtual + left;
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
    for (let slot = this.#jobs.firstJob[container]; slot >= 0; slot = this.#jobs.next[slot]) {
      if (this.#heap.keyOf(slot) < key) {
        this.#heap.remove(this.#marker[container]);
        return;
      }
    }
    this.#heap.set(this.#marker[container], key);
  }
}
