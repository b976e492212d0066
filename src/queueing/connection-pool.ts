/**
 * A pool of at most `size` connections: a counting semaphore with a FIFO of waiting jobs.
 * Used for a load generator's fixed connections and, later, a proxy's upstream pool.
 */

import type { Simulation } from "../engine/index.js";
import { JobFifo } from "./job-fifo.js";

/**
 * Hands out up to `size` connections; further requests wait in FIFO order.
 * @example if (pool.tryAcquire(job)) send(job); // else onGranted(job) runs on a later release
 */
export class ConnectionPool {
  readonly size: number;
  readonly #sim: Simulation;
  readonly #onGranted: (job: number, queuedSinceMs: number) => void;
  readonly #waiting = new JobFifo();
  #inUse = 0;
  #waitMs = 0;
  #grants = 0;
  #grantsAfterWaiting = 0;

  constructor(sim: Simulation, size: number, onGranted: (job: number, queuedSinceMs: number) => void) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`connection pool size must be a positive integer, got ${size}`);
    }
    this.size = size;
    this.#sim = sim;
    this.#onGranted = onGranted;
  }

  get inUse(): number {
    return this.#inUse;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Mean time a granted job waited for a connection, ms. */
  get meanWaitMs(): number {
    return this.#grants === 0 ? 0 : this.#waitMs / this.#grants;
  }

  /**
   * Since the last `resetStats`: jobs granted a connection, how many of them had to wait for
   * one, and their total wait, ms.
   */
  waitStats(): { granted: number; waited: number; waitMs: number } {
    return { granted: this.#grants, waited: this.#grantsAfterWaiting, waitMs: this.#waitMs };
  }

  /** Starts counting anew (a measurement window); jobs waiting now count when they are granted. */
  resetStats(): void {
    this.#grants = 0;
    this.#grantsAfterWaiting = 0;
    this.#waitMs = 0;
  }

  /**
   * Takes a connection now if one is free.
   * @returns true when granted at once; false when queued (then `onGranted` fires later)
   */
  tryAcquire(job: number): boolean {
    if (this.#inUse < this.size) {
      this.#inUse++;
      this.#grants++;
      return true;
    }
    this.#waiting.push(job, this.#sim.now);
    return false;
  }

  /** Returns a connection; the oldest waiting job gets it and `onGranted(job, queuedSinceMs)` runs now. */
  release(): void {
    const next = this.#waiting.shift();
    if (next < 0) {
      this.#inUse--;
      return;
    }
    this.#grants++;
    this.#grantsAfterWaiting++;
    const queuedSince = this.#waiting.shiftedTime;
    this.#waitMs += this.#sim.now - queuedSince;
    this.#onGranted(next, queuedSince);
  }
}
