/**
 * Linkerd's retry budgets, one per client proxy and host (linkerd2-proxy keeps a budget per
 * route in each proxy): retries may add `ratio` of the requests plus `minPerSecond` over a
 * sliding TTL, counted in buckets. A budget's state is created on its first request and found
 * through a table of the pairs in use (SparseIds), so memory follows the (client, host) pairs that
 * have budgets and traffic, not clients x hosts.
 */

import { SparseIds } from "../../../engine/index.js";
import type { TrafficPlan } from "../../compile/index.js";

/** A budget counts requests and retries over its TTL in this many buckets. */
const BUCKETS = 10;

export class RetryBudgets {
  readonly #plan: TrafficPlan;
  /** Budget of (client key * hostCount + host): the budget ids are the table's ids. */
  readonly #budgetOf: SparseIds;
  /** Per budget, BUCKETS request counts and BUCKETS retry counts, and the newest bucket's epoch. */
  readonly #requests: number[] = [];
  readonly #retries: number[] = [];
  readonly #epoch: number[] = [];

  constructor(plan: TrafficPlan) {
    this.#plan = plan;
    this.#budgetOf = new SparseIds(plan.clientKeyCount * plan.hostCount);
  }

  /** Whether the host has a budget at all. */
  has(host: number): boolean {
    return !Number.isNaN(this.#plan.hostBudgetRatio[host]);
  }

  /** Counts a request of `client` to `host` (only for hosts with a budget). */
  deposit(client: number, host: number, now: number): void {
    const budget = this.#budget(client, host);
    this.#requests[budget * BUCKETS + this.#roll(budget, host, now)]++;
  }

  /** Takes one retry from the budget if it has room; false when spent. */
  withdraw(client: number, host: number, now: number): boolean {
    const plan = this.#plan;
    const budget = this.#budget(client, host);
    const bucket = this.#roll(budget, host, now);
    let requests = 0;
    let retries = 0;
    for (let i = budget * BUCKETS; i < (budget + 1) * BUCKETS; i++) {
      requests += this.#requests[i];
      retries += this.#retries[i];
    }
    const allowance = plan.hostBudgetRatio[host] * requests + (plan.hostBudgetMinPerSecond[host] * plan.hostBudgetTtlMs[host]) / 1000;
    if (retries + 1 > allowance) return false;
    this.#retries[budget * BUCKETS + bucket]++;
    return true;
  }

  // --- internal ---

  #budget(client: number, host: number): number {
    const key = client * this.#plan.hostCount + host;
    const existing = this.#budgetOf.idOf(key);
    if (existing >= 0) return existing;
    const budget = this.#budgetOf.add(key);
    this.#epoch.push(0);
    for (let i = 0; i < BUCKETS; i++) {
      this.#requests.push(0);
      this.#retries.push(0);
    }
    return budget;
  }

  /** The bucket for `now`, clearing buckets that aged out of the TTL. */
  #roll(budget: number, host: number, now: number): number {
    const epoch = Math.floor(now / (this.#plan.hostBudgetTtlMs[host] / BUCKETS));
    const last = this.#epoch[budget];
    for (let e = Math.max(last + 1, epoch - BUCKETS + 1); e <= epoch; e++) {
      this.#requests[budget * BUCKETS + (e % BUCKETS)] = 0;
      this.#retries[budget * BUCKETS + (e % BUCKETS)] = 0;
    }
    if (epoch > last) this.#epoch[budget] = epoch;
    return epoch % BUCKETS;
  }
}
