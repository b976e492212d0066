/**
 * What the traffic rules did in a replication's measurement window: how many calls each rule
 * routed (and to which backend) or let bypass, retries, abandoned tries, ejections, overflows.
 */

import { SparseIds } from "../../../engine/index.js";
import { grown } from "../../compile/index.js";

/** Plain-data counts, summed exactly across replications. */
export interface TrafficCounts {
  /** Per host with a rule: calls its proxies routed, calls that bypassed it, calls with no route. */
  hosts: Array<{ host: string; applied: number; bypassed: number; noRoute: number; byBackend: Record<string, number> }>;
  /** Tries made again after a failure or a per-try timeout. */
  retries: number;
  /** Retries not made because the retry budget (Linkerd) or maxRetries (Envoy) was spent. */
  retriesDenied: number;
  /** Tries abandoned at a timeout (the server may still be working on them). */
  timeouts: number;
  /** Calls that waited for the client proxy's connection limit (circuit breaker). */
  queuedByLimit: number;
  /** Replica ejections by outlier detection. */
  ejections: number;
  faultsInjected: { delay: number; abort: number };
}

/** Counters in typed arrays, indexed by host and service ids. */
export class TrafficCounters {
  readonly applied: Float64Array;
  readonly bypassed: Float64Array;
  readonly noRoute: Float64Array;
  /**
   * Calls a host's routes (or bypass) sent to a service, per (host, service) pair reached: the
   * pair's id in #reachedIds (keyed host * serviceCount + service) indexes #reached and
   * #reachedKeys. Hosts times services could be 4 x 10^8 cells.
   */
  readonly #reachedIds: SparseIds;
  #reached = new Float64Array(16);
  readonly #reachedKeys: number[] = [];
  retries = 0;
  retriesDenied = 0;
  timeouts = 0;
  queuedByLimit = 0;
  ejections = 0;
  faultDelays = 0;
  faultAborts = 0;
  readonly #serviceCount: number;

  constructor(hostCount: number, serviceCount: number) {
    this.applied = new Float64Array(hostCount);
    this.bypassed = new Float64Array(hostCount);
    this.noRoute = new Float64Array(hostCount);
    this.#serviceCount = serviceCount;
    this.#reachedIds = new SparseIds(hostCount * serviceCount);
  }

  countReached(host: number, service: number): void {
    const key = host * this.#serviceCount + service;
    let pair = this.#reachedIds.idOf(key);
    if (pair < 0) {
      pair = this.#reachedIds.add(key);
      this.#reachedKeys.push(key);
      if (pair === this.#reached.length) this.#reached = grown(this.#reached, 2 * pair);
    }
    this.#reached[pair]++;
  }

  reset(): void {
    this.applied.fill(0);
    this.bypassed.fill(0);
    this.noRoute.fill(0);
    this.#reached.fill(0);
    this.retries = this.retriesDenied = this.timeouts = this.queuedByLimit = this.ejections = 0;
    this.faultDelays = this.faultAborts = 0;
  }

  /** The counts as plain data, hosts with rules only. */
  toCounts(hostNames: string[], hostHasRule: Uint8Array, serviceNames: string[]): TrafficCounts {
    const hosts: TrafficCounts["hosts"] = [];
    // Pairs in key order are each host's backends in service order, host by host.
    const keys = this.#reachedKeys;
    const backendsOf: Array<Record<string, number>> = [];
    for (const pair of keys.map((_, id) => id).sort((a, b) => keys[a] - keys[b])) {
      if (this.#reached[pair] === 0) continue;
      const host = Math.floor(keys[pair] / this.#serviceCount);
      (backendsOf[host] ??= {})[serviceNames[keys[pair] % this.#serviceCount]] = this.#reached[pair];
    }
    hostNames.forEach((host, h) => {
      if (hostHasRule[h] !== 1) return;
      hosts.push({ host, applied: this.applied[h], bypassed: this.bypassed[h], noRoute: this.noRoute[h], byBackend: backendsOf[h] ?? {} });
    });
    return {
      hosts,
      retries: this.retries,
      retriesDenied: this.retriesDenied,
      timeouts: this.timeouts,
      queuedByLimit: this.queuedByLimit,
      ejections: this.ejections,
      faultsInjected: { delay: this.faultDelays, abort: this.faultAborts },
    };
  }
}
