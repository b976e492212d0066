/**
 * Closed-loop load: a fixed population of users (or connections), each sending one request,
 * waiting for its response, thinking, and sending the next. Throughput follows from latency.
 */

import type { Simulation } from "../engine/index.js";
import type { RequestSink, Workload } from "./workload.js";

export interface ClosedLoopOptions {
  /** Users at most (with `userSteps`, the peak); all of them run when there are no steps. */
  users: number;
  /**
   * Users over time: the active users start at `startUsers` and become `users` at `atMs` (from
   * load.stages). A user beyond the active count stops after its current request or pause.
   */
  userSteps?: { startUsers: number; steps: Array<{ atMs: number; users: number }> };
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
  /** Users that may send now (the first `active` ones). */
  #active: number;
  /** 1 while a user cycles (thinking or waiting for a response): a user is never started twice. */
  readonly #running: Uint8Array;

  constructor(sim: Simulation, sink: RequestSink, options: ClosedLoopOptions) {
    if (!Number.isInteger(options.users) || options.users < 1) {
      throw new RangeError(`closed loop users must be a positive integer, got ${options.users}`);
    }
    this.#sim = sim;
    this.#sink = sink;
    this.#options = options;
    this.#wakeKind = sim.on("closed-loop-wake", (user) => this.#send(user));
    this.#active = options.userSteps?.startUsers ?? options.users;
    this.#running = new Uint8Array(options.users);
    const steps = options.userSteps?.steps ?? [];
    if (steps.length > 0) {
      const stepKind = sim.on("closed-loop-users", (step) => this.#setUsers(steps[step].users));
      steps.forEach((step, index) => {
        if (step.atMs < options.endMs) sim.schedule(step.atMs, stepKind, index);
      });
    }
  }

  start(): void {
    this.#setUsers(this.#active);
  }

  requestDone(user: number): void {
    this.#think(user);
  }

  // --- internal ---

  #setUsers(users: number): void {
    this.#active = users;
    for (let user = 0; user < users; user++) {
      if (this.#running[user] === 1) continue;
      this.#running[user] = 1;
      this.#think(user);
    }
  }

  #think(user: number): void {
    const pause = this.#options.thinkTime();
    if (user < this.#active && this.#sim.now + pause < this.#options.endMs) this.#sim.schedule(pause, this.#wakeKind, user);
    else this.#running[user] = 0;
  }

  #send(user: number): void {
    if (user >= this.#active) {
      this.#running[user] = 0;
      return;
    }
    this.#sink.startRequest(this.#options.nextRequestType(), this.#sim.now, user);
  }
}
