/**
 * A routed call's per-activation state, written only by RoutedCalls: the route and backend its
 * caller's proxy chose, the replica and client view of the current try, how many tries it has
 * made and when, and whether a try was abandoned at a timeout. Indexed by activation id.
 */

import type { ActivationFields } from "../activation-pool.js";
import { grown } from "../../compile/index.js";

export class TryFields implements ActivationFields {
  /** The route the client proxy chose, or -1 when the call bypassed the rules. */
  route: Int32Array;
  /** The service the route sent the call to. */
  service: Int32Array;
  /** The client proxy's view of the service, and the replica slot of this try (-1: none). */
  view: Int32Array;
  slot: Int32Array;
  /** Tries made so far beyond the first. */
  attempt: Int32Array;
  /** When the call (its first try) and the current try started, ms. */
  callStart: Float64Array;
  tryStart: Float64Array;
  /** Bumped whenever a try ends, so a timer set for an earlier try is recognised as stale. */
  generation: Int32Array;
  /** 1 for a try abandoned at a timeout: it runs on, but nobody waits for it. */
  abandoned: Uint8Array;
  /** 1 while the try holds a place under its client's connection limit. */
  admitted: Uint8Array;

  constructor(capacity: number) {
    this.route = new Int32Array(capacity);
    this.service = new Int32Array(capacity);
    this.view = new Int32Array(capacity);
    this.slot = new Int32Array(capacity);
    this.attempt = new Int32Array(capacity);
    this.callStart = new Float64Array(capacity);
    this.tryStart = new Float64Array(capacity);
    this.generation = new Int32Array(capacity);
    this.abandoned = new Uint8Array(capacity);
    this.admitted = new Uint8Array(capacity);
  }

  /** Copies the call-level choices of `from` onto `to` (a fresh activation taking the call over). */
  copyCall(from: number, to: number): void {
    this.route[to] = this.route[from];
    this.service[to] = this.service[from];
    this.view[to] = this.view[from];
    this.attempt[to] = this.attempt[from];
    this.callStart[to] = this.callStart[from];
  }

  grow(capacity: number): void {
    this.route = grown(this.route, capacity);
    this.service = grown(this.service, capacity);
    this.view = grown(this.view, capacity);
    this.slot = grown(this.slot, capacity);
    this.attempt = grown(this.attempt, capacity);
    this.callStart = grown(this.callStart, capacity);
    this.tryStart = grown(this.tryStart, capacity);
    this.generation = grown(this.generation, capacity);
    this.abandoned = grown(this.abandoned, capacity);
    this.admitted = grown(this.admitted, capacity);
  }
}
