/**
 * What each client proxy knows about each upstream service it calls: calls outstanding and
 * waiting (circuit breaker), retries outstanding, a round-robin cursor, and per replica the
 * calls outstanding, a peak-EWMA latency and outlier-detection state. Envoy, linkerd2-proxy
 * and the node proxies keep this per proxy instance, so one client's view ejects a replica
 * another still uses.
 *
 * A (client, service) view is created on first use, so memory follows the call graph, not
 * clients x services. Views and replica slots are plain growable arrays: they are allocated
 * once per pair, never per call.
 */

import { JobFifo } from "../../../queueing/index.js";

export class ClientViews {
  /** View of (client key * serviceCount + service), or -1 before first use. */
  readonly #viewOf: Int32Array;
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

  readonly slotActive: number[] = [];
  readonly slotEwmaMs: number[] = [];
  readonly slotEwmaAt: number[] = [];
  readonly slotConsecutive: number[] = [];
  readonly slotEjectedUntil: number[] = [];
  readonly slotEjections: number[] = [];

  constructor(clientKeyCount: number, replicasByService: number[]) {
    this.#serviceCount = replicasByService.length;
    this.#replicas = replicasByService;
    this.#viewOf = new Int32Array(clientKeyCount * this.#serviceCount).fill(-1);
  }

  /** The view `client` has of `service`, created on first use. */
  view(client: number, service: number, initialEwmaMs: number): number {
    const key = client * this.#serviceCount + service;
    const existing = this.#viewOf[key];
    if (existing >= 0) return existing;
    const view = this.viewService.length;
    this.#viewOf[key] = view;
    this.viewService.push(service);
    this.viewBase.push(this.slotActive.length);
    this.viewActive.push(0);
    this.viewRetries.push(0);
    // Each client starts its round robin at its own replica, as independent Envoys do.
    this.viewCursor.push(client % this.#replicas[service]);
    this.viewEjected.push(0);
    this.viewPending.push(undefined);
    for (let i = 0; i < this.#replicas[service]; i++) {
      this.slotActive.push(0);
      this.slotEwmaMs.push(initialEwmaMs);
      this.slotEwmaAt.push(0);
      this.slotConsecutive.push(0);
      this.slotEjectedUntil.push(0);
      this.slotEjections.push(0);
    }
    return view;
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
