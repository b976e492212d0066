/**
 * The state behind the traffic rules during a run, and the decisions made from it: which
 * backend a route sends a call to, which replica the client's load balancer picks, whether the
 * client's connection limit admits the call, when a replica is ejected, whether a retry fits
 * the budget, and whether a replica's inbound rate limit lets a call in. RequestFlow owns the
 * calls' lifecycle and asks these questions at the right moments.
 */

import type { Rng } from "../../../random/index.js";
import { ClientViews } from "./client-views.js";
import { RetryBudgets } from "./retry-budgets.js";
import { EWMA_DEFAULT_RTT_MS, healthyCount, observeLatency, pickReplica } from "./pick-replica.js";
import { TrafficCounters, type TrafficCounts } from "./traffic-counters.js";
import { clusterPreference, CLUSTER_ALL, CLUSTER_REMOTE_FIRST, LOCALITY_FAILOVER, LOCALITY_HINTS, LOCALITY_NONE, type LocalityTables, type TrafficPlan } from "../../compile/index.js";
import { pickPreferredReplica } from "./pick-preferred-replica.js";
import { BypassPicks } from "./bypass-picks.js";
import type { EndpointFlags } from "./endpoint-flags.js";

export const ADMIT_NOW = 0;
export const ADMIT_QUEUED = 1;
export const ADMIT_OVERFLOW = 2;

/** Envoy caps an ejection at max_ejection_time, 300 s by default (outlier_detection.proto). */
const MAX_EJECTION_MS = 300_000;

export class TrafficControl {
  readonly plan: TrafficPlan;
  readonly counters: TrafficCounters;
  readonly views: ClientViews;
  readonly #rng: Rng;
  readonly #servicePods: Int32Array[];
  /** Pods of each service in balancing (the first of servicePods), as the autoscaler leaves them. */
  readonly #serviceActive: Int32Array;
  /** Replicas out of the endpoints (killed, starting, terminating): see ServiceNetwork.replicaOut. */
  readonly #endpoints: EndpointFlags;
  readonly #budgets: RetryBudgets;
  readonly #tokens: Float64Array;
  readonly #tokensAt: Float64Array;
  readonly #podService: Int32Array;
  readonly #locality: LocalityTables | undefined;
  readonly #bypass: BypassPicks;

  constructor(plan: TrafficPlan, servicePods: Int32Array[], podService: Int32Array, rng: Rng, locality?: LocalityTables, serviceActive?: Int32Array, endpoints?: EndpointFlags) {
    this.plan = plan;
    this.#locality = locality;
    this.#rng = rng;
    this.#servicePods = servicePods;
    this.#serviceActive = serviceActive ?? Int32Array.from(servicePods, (pods) => pods.length);
    this.#endpoints = endpoints ?? {
      replicaOut: servicePods.map((pods) => new Uint8Array(pods.length)),
      serviceOut: new Int32Array(servicePods.length),
      podOut: new Uint8Array(podService.length),
      outTotal: new Int32Array(1),
    };
    this.#podService = podService;
    this.#bypass = new BypassPicks(plan, servicePods, this.#serviceActive, this.#endpoints, rng, locality);
    this.counters = new TrafficCounters(plan.hostCount, servicePods.length);
    this.views = new ClientViews(plan.clientKeyCount, servicePods.map((pods) => pods.length));
    this.#budgets = new RetryBudgets(plan);
    this.#tokens = new Float64Array(podService.length);
    this.#tokensAt = new Float64Array(podService.length);
    for (let pod = 0; pod < podService.length; pod++) {
      const service = podService[pod];
      if (service >= 0) this.#tokens[pod] = plan.serviceRateBurst[service];
    }
  }

  /** What the rules did since the counters' last reset, per host with a rule and in total. */
  counts(serviceNames: string[]): TrafficCounts {
    return this.counters.toCounts(this.plan.hostNames, this.plan.hostHasRule, serviceNames);
  }

  /**
   * Gives the backends of every route of host `hostName` new weights (a canary's step, as
   * Flagger or Argo Rollouts move them): `weights` by service index, naming each backend.
   * @throws RangeError when the host has no rule or a route's backend has no weight
   */
  setWeights(hostName: string, weights: ReadonlyMap<number, number>): void {
    const plan = this.plan;
    const host = plan.hostNames.indexOf(hostName);
    if (host < 0 || plan.hostHasRule[host] === 0) throw new RangeError(`no traffic rule for host ${hostName}`);
    for (let route = 0; route < plan.routeCount; route++) {
      if (plan.routeHost[route] !== host) continue;
      const start = plan.routeBackendStart[route];
      const end = start + plan.routeBackendCount[route];
      let total = 0;
      for (let i = start; i < end; i++) total += weightOf(weights, plan.backendService[i], hostName);
      let cumulative = 0;
      for (let i = start; i < end; i++) {
        cumulative += total > 0 ? weightOf(weights, plan.backendService[i], hostName) / total : 0;
        plan.backendCumulative[i] = cumulative;
      }
      plan.backendCumulative[end - 1] = 1;
    }
  }

  /** The backend service a call on `route` goes to, by the route's weights. */
  pickBackend(route: number): number {
    const plan = this.plan;
    const start = plan.routeBackendStart[route];
    const count = plan.routeBackendCount[route];
    if (count === 1) return plan.backendService[start];
    const draw = this.#rng();
    for (let i = start; i < start + count - 1; i++) if (draw < plan.backendCumulative[i]) return plan.backendService[i];
    return plan.backendService[start + count - 1];
  }

  /** A pod for a call from `callerPod` that bypasses the rules (see BypassPicks). */
  pickBypassPod(host: number, callerPod: number): number {
    return this.#bypass.pick(host, callerPod);
  }

  /** The caller's client-proxy view of `service`. */
  viewOf(callerPod: number, service: number): number {
    return this.views.view(this.plan.clientKey[callerPod], service, EWMA_DEFAULT_RTT_MS);
  }

  /** Whether the view's connection limit takes one more call now, queues it, or overflows. */
  admit(view: number, host: number): number {
    const views = this.views;
    const plan = this.plan;
    if (views.viewActive[view] < plan.hostMaxActive[host]) {
      views.viewActive[view]++;
      return ADMIT_NOW;
    }
    if (plan.hostQueues[host] === 1 && views.pending(view).length < plan.hostMaxPending[host]) {
      this.counters.queuedByLimit++;
      return ADMIT_QUEUED;
    }
    return ADMIT_OVERFLOW;
  }

  /**
   * A call leaves the view's limit. Returns the waiting call that takes its place (already
   * admitted), or -1; `isLive` filters out calls abandoned while they waited.
   */
  release(view: number, isLive: (act: number) => boolean, discard: (act: number) => void): number {
    const views = this.views;
    views.viewActive[view]--;
    const fifo = views.viewPending[view];
    if (!fifo) return -1;
    while (fifo.length > 0) {
      const act = fifo.shift();
      if (isLive(act)) {
        views.viewActive[view]++;
        return act;
      }
      discard(act);
    }
    return -1;
  }

  /**
   * The pod the view's load balancer sends `callerPod`'s call to, by zone where the mesh balances by
   * locality or follows the Service's zone settings; the call's slot goes to `chosenSlot`.
   */
  pickPod(view: number, service: number, host: number, now: number, callerPod: number): number {
    const pods = this.#servicePods[service];
    const balancer = this.plan.hostLoadBalancer[host];
    const locality = this.#locality;
    let replica: number;
    const mode = locality === undefined ? LOCALITY_NONE : this.plan.hostLocality[host] !== LOCALITY_NONE ? this.plan.hostLocality[host] : locality.meshMode[service];
    const zone = locality === undefined ? -1 : locality.podZone[callerPod];
    const out = this.#endpoints.serviceOut[service] > 0 ? this.#endpoints.replicaOut[service] : undefined;
    const preference = zone >= 0 && mode === LOCALITY_NONE ? clusterPreference(locality!, callerPod, service) : CLUSTER_ALL;
    if (preference !== CLUSTER_ALL) {
      // Across clusters: its own cluster's replicas while any is healthy, then the others' (the
      // reverse for a Service whose affinity is remote).
      const key = zone * locality!.serviceCount + service;
      const { local, remote } = locality!.sameCluster!;
      const remoteFirst = preference === CLUSTER_REMOTE_FIRST;
      replica = pickPreferredReplica(this.views, view, this.#serviceActive[service], remoteFirst ? remote[key] : local[key], remoteFirst ? local[key] : remote[key], LOCALITY_FAILOVER, balancer, now, this.#rng, out);
    } else if (mode === LOCALITY_NONE || zone < 0) {
      replica = pickReplica(this.views, view, this.#serviceActive[service], balancer, now, this.#rng, out);
    } else {
      const table = mode === LOCALITY_HINTS ? locality!.hinted : locality!.sameZone;
      const key = zone * locality!.serviceCount + service;
      replica = pickPreferredReplica(this.views, view, this.#serviceActive[service], table.local[key], table.remote[key], mode, balancer, now, this.#rng, out, locality!.sameRegion?.[key]);
    }
    if (replica < 0) {
      this.chosenSlot = -1;
      return -1;
    }
    this.chosenSlot = this.views.viewBase[view] + replica;
    this.views.slotActive[this.chosenSlot]++;
    return pods[replica];
  }

  /**
   * A new pod takes replica `replica` of `service`'s place (a rollout's, a rescheduled one): every
   * client forgets what it measured of the old one, as the proxies drop an endpoint that left and
   * start a new one at the defaults (its EWMA at the default RTT, no failures, not ejected).
   * O(views), once per pod replaced.
   */
  forgetReplica(service: number, replica: number): void {
    const views = this.views;
    for (let view = 0; view < views.viewService.length; view++) {
      if (views.viewService[view] !== service) continue;
      const slot = views.viewBase[view] + replica;
      views.slotEwmaMs[slot] = EWMA_DEFAULT_RTT_MS;
      views.slotEwmaAt[slot] = 0;
      views.slotConsecutive[slot] = 0;
      views.slotEjectedUntil[slot] = 0;
      views.slotEjections[slot] = 0;
    }
  }

  /** Slot of the pod pickPod chose last. */
  chosenSlot = -1;

  /**
   * A try on `slot` ended after `rttMs`: the load balancer's counts and estimate, and outlier
   * detection (a 5xx, a timeout or a refused connection counts; success resets the run).
   */
  tryEnded(slot: number, view: number, host: number, failedUpstream: boolean, rttMs: number, now: number): void {
    const views = this.views;
    views.slotActive[slot]--;
    observeLatency(views, slot, rttMs, now);
    const ejectAfter = this.plan.hostEjectAfter[host];
    if (ejectAfter === 0) return;
    if (!failedUpstream) {
      views.slotConsecutive[slot] = 0;
      return;
    }
    if (++views.slotConsecutive[slot] < ejectAfter || views.slotEjectedUntil[slot] > now) return;
    const replicas = this.#serviceActive[views.viewService[view]];
    // Envoy ejects at least one host whatever max_ejection_percent says.
    const maxEjected = Math.max(1, Math.floor(replicas * this.plan.hostMaxEjectionFraction[host]));
    if (replicas - healthyCount(views, view, replicas, now) >= maxEjected) return;
    views.slotEjections[slot]++;
    views.slotEjectedUntil[slot] = now + Math.min(MAX_EJECTION_MS, this.plan.hostBaseEjectionMs[host] * views.slotEjections[slot]);
    views.slotConsecutive[slot] = 0;
    views.viewEjected[view]++;
    this.counters.ejections++;
  }

  /** Counts a request of `callerPod` against its client proxy's budget for the host. */
  depositRequest(callerPod: number, host: number, now: number): void {
    if (this.#budgets.has(host)) this.#budgets.deposit(this.plan.clientKey[callerPod], host, now);
  }

  /** Whether a retry fits the client proxy's budget and maxRetries for the host; takes it if so. */
  takeRetry(callerPod: number, host: number, view: number, now: number): boolean {
    if (this.views.viewRetries[view] >= this.plan.hostMaxRetries[host]) {
      this.counters.retriesDenied++;
      return false;
    }
    if (this.#budgets.has(host) && !this.#budgets.withdraw(this.plan.clientKey[callerPod], host, now)) {
      this.counters.retriesDenied++;
      return false;
    }
    this.views.viewRetries[view]++;
    this.counters.retries++;
    return true;
  }

  /** A retry taken with takeRetry has ended. */
  retryEnded(view: number): void {
    this.views.viewRetries[view]--;
  }

  /** Whether the pod's inbound rate limit refuses a call arriving now (one token per call). */
  rateLimited(pod: number, now: number): boolean {
    const service = this.#podService[pod];
    const rate = this.plan.serviceRateLimit[service];
    if (rate === 0) return false;
    const burst = this.plan.serviceRateBurst[service];
    const tokens = Math.min(burst, this.#tokens[pod] + ((now - this.#tokensAt[pod]) * rate) / 1000);
    this.#tokensAt[pod] = now;
    if (tokens < 1) {
      this.#tokens[pod] = tokens;
      return true;
    }
    this.#tokens[pod] = tokens - 1;
    return false;
  }

  /** Whether the pod is in one of its outage windows now. */
  inOutage(pod: number, now: number): boolean {
    const plan = this.plan;
    const count = plan.podOutageCount[pod];
    if (count === 0) return false;
    const start = plan.podOutageStart[pod];
    for (let i = start; i < start + count; i++) {
      if (now >= plan.outageWindows[2 * i] && now < plan.outageWindows[2 * i + 1]) return true;
    }
    return false;
  }

  /** Whether the draw falls within `fraction` (fault injection, error rates). */
  chance(fraction: number): boolean {
    return fraction > 0 && this.#rng() < fraction;
  }

  /** Envoy's retry back-off for retry number `retry` (1-based): uniform(0, (2^k - 1) x base), at most 10 x base. */
  backoffMs(route: number, retry: number): number {
    const base = this.plan.routeBackoffMs[route];
    const ceiling = Math.min((2 ** Math.min(retry, 30) - 1) * base, 10 * base);
    return this.#rng() * ceiling;
  }
}

// --- internal ---

function weightOf(weights: ReadonlyMap<number, number>, service: number, hostName: string): number {
  const weight = weights.get(service);
  if (weight === undefined) throw new RangeError(`the weights for host ${hostName} leave out one of its backends (service ${service})`);
  return weight;
}
