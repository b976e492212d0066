/**
 * What each client proxy knows about each upstream service it calls: calls outstanding and
 * waiting (circuit breaker), retries outstanding, a round-robin cursor, and per replica the
 * calls outstanding, a peak-EWMA latency and outlier-detection state. Envoy, linkerd2-proxy
 * and the node proxies keep this per proxy instance, so one client's view ejects a replica
 * another still uses.
 *
 * A (client, service) view is created on first use and found through a table of the pairs in use
 * (SparseIds), so memory follows the call graph, not clients x services (20,000 pods of 2,000
 * services would be 4 x 10^7 entries). Views are plain growable arrays; replica slots are typed
 * arrays that double when full, a view's slots filled at once (pushed one by one, they took a
 * sixth of a replication's time at 2,000 pods). Both are allocated once per pair, never per call.
 */

import { SparseIds } from "../../../engine/index.js";
import { JobFifo } from "../../../queueing/index.js";
import { grown } from "../../compile/index.js";

/** Replica slots the arrays start with, before the first views grow them. */
const INITIAL_SLOTS = 64;

export class ClientViews {
  /** View of (client key * serviceCount + service): the view ids are the table's ids. */
  readonly #viewOf: SparseIds;
  readonly #serviceCount: number;
  readonly #replicas: number[];

  readonly viewService: number[] = [];
  /** First replica slot of a view; slot = base + replica index. */
  readonly viewBase: number[] = [];
  readonly viewActive: number[] = [];
  readonly viewRetries: number[] = [];
  readonly viewCursor: number[] = [];
  /** Replicas ejected (some may have expired; recounted when it matters). */
  readonly viewEjected: number[] = [];
  readonly viewPending: Array<JobFifo | undefined> = [];

  // Replaced by larger ones as views are added: read them through the object, never keep one.
  slotActive = new Int32Array(INITIAL_SLOTS);
  slotEwmaMs = new Float64Array(INITIAL_SLOTS);
  slotEwmaAt = new Float64Array(INITIAL_SLOTS);
  slotConsecutive = new Int32Array(INITIAL_SLOTS);
  slotEjectedUntil = new Float64Array(INITIAL_SLOTS);
  slotEjections = new Int32Array(INITIAL_SLOTS);
  /** Slots in use (the arrays hold more). */
  #slotCount = 0;

  constructor(clientKeyCount: number, replicasByService: number[]) {
    this.#serviceCount = replicasByService.length;
    this.#replicas = replicasByService;
    this.#viewOf = new SparseIds(clientKeyCount * this.#serviceCount);
  }

  /** The view `client` has of `service`, created on first use. */
  view(client: number, service: number, initialEwmaMs: number): number {
    const key = client * this.#serviceCount + service;
    const existing = this.#viewOf.idOf(key);
    if (existing >= 0) return existing;
    const view = this.#viewOf.add(key);
    this.viewService.push(service);
    const base = this.#slotCount;
    this.viewBase.push(base);
    this.viewActive.push(0);
    this.viewRetries.push(0);
    // Each client starts its round robin at its own replica, as independent Envoys do.
    this.viewCursor.push(client % this.#replicas[service]);
    this.viewEjected.push(0);
    this.viewPending.push(undefined);
    this.#slotCount += this.#replicas[service];
    if (this.#slotCount > this.slotActive.length) this.#growSlots(this.#slotCount);
    // The other fields start at 0, as the arrays are made.
    this.slotEwmaMs.fill(initialEwmaMs, base, this.#slotCount);
    return view;
  }

  /** Room for `needed` slots at least: each array copied into one twice as large (or `needed`). */
  #growSlots(needed: number): void {
    const size = Math.max(needed, 2 * this.slotActive.length);
    this.slotActive = grown(this.slotActive, size);
    this.slotEwmaMs = grown(this.slotEwmaMs, size);
    this.slotEwmaAt = grown(this.slotEwmaAt, size);
    this.slotConsecutive = grown(this.slotConsecutive, size);
    this.slotEjectedUntil = grown(this.slotEjectedUntil, size);
    this.slotEjections = grown(this.slotEjections, size);
  }

  /** The view's queue of calls waiting for its connection limit. */
  pending(view: number): JobFifo {
    let fifo = this.viewPending[view];
    if (!fifo) {
      fifo = new JobFifo();
      this.viewPending[view] = fifo;
    }
    return fifo;
  }
}
