/**
 * Open-loop load, as wrk2 and fortio -qps generate it: requests are sent on a schedule that
 * does not wait for responses. With a fixed number of connections a request may wait for a free
 * one, and its latency still counts from its intended send time (no coordinated omission).
 */

import type { Simulation } from "../engine/index.js";
import { ConnectionPool } from "../queueing/index.js";
import type { RequestSink, Workload } from "./workload.js";

export interface OpenLoopOptions {
  /** Samples the gap to the next intended send, ms. */
  interarrival: () => number;
  /** Samples the request type of the next request. */
  nextRequestType: () => number;
  /** No request is sent at or after this time, ms. */
  endMs: number;
  /** Client connections; undefined means one per request (no client-side queueing). */
  connections: number | undefined;
  /**
   * With connections: the most requests that may wait for one at once, and the error to throw
   * past it. Waiting requests hold no call yet, so nothing else bounds them: an offered rate above
   * what the connections carry would queue without end. Default: no bound.
   */
  waitingLimit?: { requests: number; overload: (nowMs: number) => Error };
}

/** Requests sent (granted a connection) in the window, how many waited for one, and their total wait, ms. */
export interface ConnectionWaits {
  connections: number;
  granted: number;
  waited: number;
  waitMs: number;
}

/**
 * Sends requests at sampled intervals until `endMs`.
 * @example new OpenLoop(sim, sink, { interarrival: () => 1, nextRequestType: () => 0, endMs: 1000, connections: 16 })
 */
export class OpenLoop implements Workload {
  readonly #sim: Simulation;
  readonly #sink: RequestSink;
  readonly #options: OpenLoopOptions;
  readonly #arrivalKind: number;
  readonly #pool: ConnectionPool | undefined;

  constructor(sim: Simulation, sink: RequestSink, options: OpenLoopOptions) {
    this.#sim = sim;
    this.#sink = sink;
    this.#options = options;
    this.#arrivalKind = sim.on("open-loop-arrival", () => this.#arrive());
    this.#pool =
      options.connections === undefined
        ? undefined
        : new ConnectionPool(sim, options.connections, (requestType, queuedSinceMs) =>
            sink.startRequest(requestType, queuedSinceMs, -1),
          );
  }

  start(): void {
    this.#scheduleNext();
  }

  requestDone(): void {
    this.#pool?.release();
  }

  /** Starts the window: connection waits count from now. */
  resetStats(): void {
    this.#pool?.resetStats();
  }

  /** What the connections made requests wait since `resetStats`; undefined without fixed connections. */
  connectionWaits(): ConnectionWaits | undefined {
    const pool = this.#pool;
    return pool === undefined ? undefined : { connections: pool.size, ...pool.waitStats() };
  }

  // --- internal ---

  #arrive(): void {
    const requestType = this.#options.nextRequestType();
    // The request type rides in the pool's job id, so a queued request needs no object.
    const pool = this.#pool;
    if (pool === undefined || pool.tryAcquire(requestType)) {
      this.#sink.startRequest(requestType, this.#sim.now, -1);
    } else {
      const limit = this.#options.waitingLimit;
      if (limit !== undefined && pool.waiting > limit.requests) throw limit.overload(this.#sim.now);
    }
    this.#scheduleNext();
  }

  #scheduleNext(): void {
    const gap = this.#options.interarrival();
    if (this.#sim.now + gap < this.#options.endMs) this.#sim.schedule(gap, this.#arrivalKind, 0);
  }
}
