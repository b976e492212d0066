/**
 * The simulation kernel: a clock and a future-event set. Everything that happens is an event
 * (time, priority, handler id, integer argument); handlers are registered once, so the hot loop
 * dispatches through an array and allocates nothing.
 */

import { EventQueue } from "./event-queue.js";
import { SimulationError } from "./errors.js";
import type { SimTime } from "./time.js";

/** Reacts to an event; `arg` is the integer the event was scheduled with (e.g. a job id). */
export type EventHandler = (arg: number) => void;

/** Default event priority; lower values run first among events at the same time. */
export const DEFAULT_PRIORITY = 1;

/**
 * A discrete-event simulation. Register handlers with `on`, schedule events, then `run`.
 * @example
 * const sim = new Simulation(); const tick = sim.on("tick", () => {}); sim.schedule(5, tick, 0); sim.run();
 */
export class Simulation {
  #queue = new EventQueue();
  #handlers: EventHandler[] = [];
  #handlerNames: string[] = [];
  #now: SimTime = 0;
  #stopped = false;
  #eventsProcessed = 0;

  /** Current simulated time in milliseconds. */
  get now(): SimTime {
    return this.#now;
  }

  /** Events handled so far. */
  get eventsProcessed(): number {
    return this.#eventsProcessed;
  }

  /** Events waiting in the future-event set. */
  get pendingEvents(): number {
    return this.#queue.size;
  }

  /**
   * Registers a handler and returns its id for `schedule`. Register at build time, never
   * per event: the id indexes a plain array in the hot loop.
   */
  on(name: string, handler: EventHandler): number {
    this.#handlers.push(handler);
    this.#handlerNames.push(name);
    return this.#handlers.length - 1;
  }

  /**
   * Schedules handler `kind` to run with `arg` after `delay` milliseconds.
   * @throws RangeError when delay is negative or not a number
   */
  schedule(delay: SimTime, kind: number, arg: number, priority = DEFAULT_PRIORITY): void {
    if (!(delay >= 0)) throw new RangeError(`event delay must be a non-negative number, got ${delay}`);
    this.#queue.push(this.#now + delay, priority, kind, arg);
  }

  /**
   * Handles the next event.
   * @returns false when no event was pending
   * @throws SimulationError naming the simulated time and handler when a handler throws
   */
  step(): boolean {
    const queue = this.#queue;
    if (!queue.pop()) return false;
    this.#now = queue.poppedTime;
    this.#eventsProcessed++;
    const kind = queue.poppedKind;
    try {
      this.#handlers[kind](queue.poppedArg);
    } catch (error) {
      throw this.#wrap(error, kind);
    }
    return true;
  }

  /**
   * Handles events in order until none is pending, `stop()` is called, or the next event lies
   * after `until` (the clock then advances to `until`).
   */
  run(until: SimTime = Infinity): void {
    const queue = this.#queue;
    const handlers = this.#handlers;
    this.#stopped = false;
    // The loop is step() inlined: this is the simulator's hottest code.
    while (!this.#stopped && queue.size > 0 && queue.peekTime() <= until) {
      queue.pop();
      this.#now = queue.poppedTime;
      this.#eventsProcessed++;
      const kind = queue.poppedKind;
      try {
        handlers[kind](queue.poppedArg);
      } catch (error) {
        throw this.#wrap(error, kind);
      }
    }
    if (!this.#stopped && until !== Infinity && this.#now < until) this.#now = until;
  }

  /** Makes `run` return after the current event. */
  stop(): void {
    this.#stopped = true;
  }

  // --- internal ---

  #wrap(error: unknown, kind: number): SimulationError {
    if (error instanceof SimulationError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    const at = this.#now.toFixed(3);
    return new SimulationError(`at t=${at} ms in handler "${this.#handlerNames[kind]}": ${reason}`, this.#now, {
      cause: error,
    });
  }
}
