/**
 * Closed-loop load: a fixed population of users (or connections), each sending one request,
 * waiting for its response, thinking, and sending the next. Throughput follows from latency.
 */

import type { Simulation } from "../engine/index.js";
import type { RequestSink, Workload } from "./workload.js";

export interface ClosedLoopOptions {
  users: number;
  /** Samples a user's pause between a response and its next request, ms. */
  thinkTime: () => number;
  nextRequestType: () => number;
  /** No request is sent at or after this time, ms. */
  endMs: number;
}

/**
 * N users cycling through think -> request -> response. Each user first thinks for one
 * sampled think time, which staggers their starts.
 * @example new ClosedLoop(sim, sink, { users: 10, thinkTime: () => 100, nextRequestType: () => 0, endMs: 60000 })
 */
export class ClosedLoop implements Workload {
  readonly #sim: Simulation;
  readonly #sink: RequestSink;
  readonly #options: ClosedLoopOptions;
  readonly #wakeKind: number;

  constructor(sim: Simulation, sink: RequestSink, options: ClosedLoopOptions) {
    if (!Number.isInteger(options.users) || options.users < 1) {
      throw new RangeError(`closed loop users must be a positive integer, got ${options.users}`);
    }
    this.#sim = sim;
    this.#sink = sink;
    this.#options = options;
    this.#wakeKind = sim.on("closed-loop-wake", (user) => this.#send(user));
  }

  start(): void {
    for (let user = 0; user < this.#options.users; user++) this.#think(user);
  }

  requestDone(user: number): void {
    this.#think(user);
  }

  // --- internal ---

  #think(user: number): void {
    const pause = this.#options.thinkTime();
    if (this.#sim.now + pause < this.#options.endMs) this.#sim.schedule(pause, this.#wakeKind, user);
  }

  #send(user: number): void {
    this.#sink.startRequest(this.#options.nextRequestType(), this.#sim.now, user);
  }
}
