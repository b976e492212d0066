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
 * finish costs one timer and no plan that a change superseded ever fires. CFS bandwidth control
 * (_cfs-bandwidth.ts) puts each limited container's quota marker in the same heap, and takes a
 * throttled container's jobs out of it until the next period. Per change O(log n), and O(its
 * jobs) for a limited container whose marker moves; no allocation per job once grown.
 */

import { IndexedHeap, type Simulation } from "../engine/index.js";
import { IdleCpuError } from "./idle-cpu-error.js";
import { CfsBandwidth, type CfsStats, type NodeClock } from "./_cfs-bandwidth.js";
import { CpuJobs, SLOT_JOB, SLOT_MARKER } from "./_cpu-jobs.js";
import type { CpuClient, CpuDemand } from "./cpu-client.js";

/** CFS's default bandwidth period (cpu.cfs_period_us = 100000). */
export const CFS_PERIOD_MS = 100;

/** What one container used and how often it was throttled, in the measurement window. */
export interface ContainerCpuStats extends CfsStats {
  /** CPU its jobs asked for (counted when they start), ms. */
  cpuMs: number;
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
  readonly #heap = new IndexedHeap();

  /**
   * Virtual time (shared with the CFS bandwidth control, which reads it as an object's field: a
   * double passed to a call V8 does not inline is boxed, twice per job), the rate it advances at,
   * and when it was last brought up to date.
   */
  readonly #clock: NodeClock = { virtual: 0 };
  #rate = 1;
  #updatedAt = 0;
  /** Threads running now (throttled containers' threads excluded). */
  #runnable = 0;
  /** Cores left after the containers' constant background (idle) load. */
  #capacity: number;
  #idleVcpu = 0;
  /** Idle CPU counted in the window up to #idleSince, ms. */
  #idleCpuMs = 0;
  #idleSince = 0;

  readonly #jobs = new CpuJobs();
  readonly #cfs: CfsBandwidth;
  /** The job whose cpuDone is running (-1: none), which runMore goes on with. */
  #finishing = -1;
  /** Whether the timer's handler is taking what is due (run() then leaves the timer to it). */
  #finishingDue = false;
  /** Within a client's cpuDone: the finished job's carry, ms. */
  finishedCarryMs = 0;
  /** Within a client's cpuDone: how much longer the finished job took than its demand, ms. */
  finishedStretchMs = 0;

  // Containers: CPU asked for in the window (counted on every job); CFS keeps the rest.
  readonly #containerNames: string[] = [];
  readonly #cpuMs: number[] = [];
  /** Per container: the idle CPU it burns while it runs, vCPU, and whether it runs (1) now. */
  readonly #containerIdle: number[] = [];
  readonly #containerRunning: number[] = [];
  #counting = true;

  constructor(sim: Simulation, options: { name: string; cores: number; periodMs?: number }) {
    if (!(options.cores > 0)) throw new RangeError(`node ${options.name}: cores must be positive, got ${options.cores}`);
    this.name = options.name;
    this.cores = options.cores;
    this.#capacity = options.cores;
    this.#sim = sim;
    this.#periodMs = options.periodMs ?? CFS_PERIOD_MS;
    this.#timer = sim.timer(`${options.name}:cpu`, () => this.#onNext());
    const periodKind = sim.on(`${options.name}:cfs-period`, () => this.#onPeriod());
    this.#cfs = new CfsBandwidth(sim, this.#clock, this.#heap, this.#jobs, this.#periodMs, periodKind);
  }

  /** Background CPU on the node now (idle proxies' stats flushes, health checks) of the containers running, vCPU. */
  get idleVcpu(): number {
    return this.#idleVcpu;
  }

  /** Containers added. */
  get containerCount(): number {
    return this.#containerNames.length;
  }

  /**
   * The idle CPU the running containers burned in the measurement window so far (up to now, or
   * to its end once frozen), ms.
   */
  get idleCpuMs(): number {
    return this.#counting ? this.#idleCpuMs + this.#idleVcpu * (this.#sim.now - this.#idleSince) : this.#idleCpuMs;
  }

  /** Threads running now. */
  get runnable(): number {
    return this.#runnable;
  }

  /**
   * Adds a container (a cgroup). `limitVcpu`: its CPU limit (CFS quota = limit x period);
   * `idleVcpu`: CPU it burns whatever its load while it runs, taken from the node's cores and
   * from its quota; `threads`: the most threads it runs at once (its workers). `running` false:
   * its pod does not exist yet, and it burns nothing until started (setContainerRunning).
   * A limit of at least min(threads + idle, cores) never throttles: running, its threads get at
   * most min(threads, cores - idle), which is what the quota leaves them; stopped, the quota is
   * the whole limit. Such a container's periods are counted, its quota not tracked.
   * Returns its id.
   * @throws IdleCpuError when the running containers' idle load would leave the node no cores
   */
  addContainer(name: string, limitVcpu?: number, idleVcpu = 0, threads = Infinity, running = true): number {
    const id = this.#containerNames.length;
    if (running) {
      this.#checkIdleFits(idleVcpu);
      this.#idleVcpu += idleVcpu;
      this.#capacity = this.cores - this.#idleVcpu;
    }
    this.#containerNames.push(name);
    this.#containerIdle.push(idleVcpu);
    this.#containerRunning.push(running ? 1 : 0);
    this.#jobs.addContainer();
    if (limitVcpu === undefined) {
      this.#cfs.addContainer(id);
    } else {
      this.#cfs.addContainer(id, {
        runningMs: Math.max(0, limitVcpu - idleVcpu) * this.#periodMs,
        stoppedMs: limitVcpu * this.#periodMs,
        tracked: limitVcpu < Math.min(threads + idleVcpu, this.cores),
        running,
      });
    }
    this.#cpuMs.push(0);
    return id;
  }

  /**
   * Starts or stops a container (its pod created or deleted, its node lost): a stopped container
   * burns no idle CPU, so the node's other containers get those cores. Containers start running
   * when added. Only its idle load changes: work it was given still finishes. O(log n) when its
   * idle load is not 0 (the node's rate changes as at any change), else O(1); allocates nothing.
   */
  setContainerRunning(container: number, running: boolean): void {
    if ((this.#containerRunning[container] === 1) === running) return;
    const idle = this.#containerIdle[container];
    if (running) this.#checkIdleFits(idle);
    this.#containerRunning[container] = running ? 1 : 0;
    if (idle === 0) return;
    this.#advance();
    this.#countIdle();
    this.#cfs.setRunning(container, running);
    this.#idleVcpu = running ? this.#idleVcpu + idle : Math.max(0, this.#idleVcpu - idle);
    this.#capacity = this.cores - this.#idleVcpu;
    this.#reschedule();
  }

  /** Whether the container runs now (setContainerRunning). */
  isRunning(container: number): boolean {
    return this.#containerRunning[container] === 1;
  }

  /**
   * Runs `demand.demandMs` (> 0) of CPU for `job` in `container`; `client.cpuDone(job, phase)` is
   * called when it is done, with `demand.carryMs` in finishedCarryMs. `demand` is read at once.
   */
  run(container: number, demand: CpuDemand, client: CpuClient, job: number, phase: number): void {
    const demandMs = demand.demandMs;
    const carry = demand.carryMs;
    this.#advance();
    const slot = this.#jobs.allocate(SLOT_JOB, container);
    this.#jobs.job[slot] = job;
    this.#jobs.phase[slot] = phase;
    this.#jobs.carry[slot] = carry;
    this.#jobs.demand[slot] = demandMs;
    this.#jobs.startedAt[slot] = this.#sim.now;
    this.#jobs.client[slot] = client;
    if (this.#counting) this.#cpuMs[container] += demandMs;
    if (this.#cfs.isTracked(container)) {
      this.#startTracked(slot, container);
    } else {
      this.#heap.push(slot, this.#clock.virtual + demandMs);
      this.#runnable++;
      this.#cfs.startedUntracked(container);
    }
    // Within this node's own finishing, its timer is set once when all that is due is done.
    if (this.#finishingDue) this.#updateRate();
    else this.#reschedule();
  }

  /**
   * Only from within `cpuDone`: the job just done goes on for `demand.demandMs` (> 0) more on the
   * same thread, as one job asking for both would (a proxy forwards, then finishes its pass), and
   * `cpuDone(job, phase)` follows when that is done. Cheaper than a new `run`: the container's
   * threads do not change, so nothing but the job's finish moves.
   */
  runMore(demand: CpuDemand, phase: number): void {
    const demandMs = demand.demandMs;
    const carry = demand.carryMs;
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
    if (this.#cfs.isThrottled(container)) {
      this.#heap.remove(slot);
      this.#jobs.remaining[slot] = demandMs;
      this.#runnable--;
    } else {
      this.#heap.set(slot, this.#clock.virtual + demandMs);
      this.#cfs.wentOn(container);
    }
  }

  /** The container's counters in the measurement window. */
  containerStats(container: number): ContainerCpuStats {
    return { cpuMs: this.#cpuMs[container], ...this.#cfs.stats(container) };
  }

  /** Whether the container has a CPU limit (CFS quota; its periods are counted). */
  isLimited(container: number): boolean {
    return this.#cfs.isLimited(container);
  }

  /** Whether the container's limit can bind, so its quota is tracked (addContainer). */
  isTracked(container: number): boolean {
    return this.#cfs.isTracked(container);
  }

  /** Starts the measurement window now. */
  resetStats(): void {
    this.#counting = true;
    this.#cpuMs.fill(0);
    this.#idleCpuMs = 0;
    this.#idleSince = this.#sim.now;
    this.#cfs.resetStats();
  }

  /** Ends the window now: work started later is the drain and is not counted. */
  freezeStats(): void {
    this.#cfs.freezeStats();
    this.#countIdle();
    this.#counting = false;
  }

  // --- internal ---

  /** @throws IdleCpuError when `idleVcpu` more of idle load would leave the node no cores */
  #checkIdleFits(idleVcpu: number): void {
    if (this.#idleVcpu + idleVcpu >= this.cores) throw new IdleCpuError(this.name, this.#idleVcpu + idleVcpu, this.cores);
  }

  #advance(): void {
    const now = this.#sim.now;
    if (now > this.#updatedAt) {
      this.#clock.virtual += (now - this.#updatedAt) * this.#rate;
      this.#updatedAt = now;
    }
  }

  /** Counts the idle CPU burned since the last count, in the window. */
  #countIdle(): void {
    const now = this.#sim.now;
    if (this.#counting) this.#idleCpuMs += this.#idleVcpu * (now - this.#idleSince);
    this.#idleSince = now;
  }

  /** After any change: the rate, and the timer at the earliest finish or marker. */
  #reschedule(): void {
    this.#updateRate();
    const at = this.#heap.size === 0 ? Infinity : this.#sim.now + Math.max(0, this.#heap.topKey - this.#clock.virtual) / this.#rate;
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
    const due = this.#clock.virtual + Math.max(1, Math.abs(this.#clock.virtual)) * DUE_TOLERANCE;
    const now = this.#sim.now;
    this.#finishingDue = true;
    while (heap.size > 0 && (heap.topKey <= due || now + (heap.topKey - this.#clock.virtual) / this.#rate === now)) {
      const slot = heap.top;
      if (this.#jobs.kind[slot] === SLOT_MARKER) {
        heap.remove(slot);
        this.#runnable -= this.#cfs.throttle(this.#jobs.container[slot]);
      } else {
        this.#finish(slot);
      }
    }
    this.#finishingDue = false;
    this.#reschedule();
  }

  /**
   * Starts a job of a container whose quota is tracked: listed with its container's jobs (which
   * throttling and the quota marker walk), and held back while the container is throttled.
   */
  #startTracked(slot: number, container: number): void {
    this.#jobs.link(slot);
    if (this.#cfs.isThrottled(container)) {
      this.#jobs.remaining[slot] = this.#jobs.demand[slot];
    } else {
      this.#heap.push(slot, this.#clock.virtual + this.#jobs.demand[slot]);
      this.#runnable++;
    }
    this.#cfs.started(container);
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
    this.finishedCarryMs = this.#jobs.carry[slot];
    this.finishedStretchMs = stretch > 0 ? stretch : 0;
    this.#jobs.client[slot].cpuDone(this.#jobs.job[slot], this.#jobs.phase[slot]);
    if (this.#finishing !== slot) return;
    this.#finishing = -1;
    this.#heap.remove(slot);
    this.#runnable--;
    const container = this.#jobs.container[slot];
    if (this.#cfs.isTracked(container)) {
      this.#jobs.unlink(slot);
      this.#cfs.ended(container);
    } else {
      this.#cfs.endedUntracked(container);
    }
    this.#jobs.release(slot);
  }

  /** A CFS period ended: quotas refill, and throttled containers' threads run again. */
  #onPeriod(): void {
    this.#advance();
    this.#runnable += this.#cfs.newPeriod();
    this.#reschedule();
  }
}
