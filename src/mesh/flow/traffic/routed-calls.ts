/**
 * The life of a call under traffic rules, from the caller's proxy's point of view: the route
 * and backend it picks, faults it injects, the tries it makes (each under the client's
 * connection limit, to the replica its load balancer picks, with a deadline), the retries and
 * the timeouts that abandon a try, and at the server the outage, rate limit and server-side
 * faults a call may meet. RequestFlow runs the call tree and hands calls here when rules,
 * mesh defaults or failure sources are in play.
 */

import type { Simulation } from "../../../engine/index.js";
import type { ActivationPool } from "../activation-pool.js";
import {
  FAILURE_CIRCUIT_OPEN,
  FAILURE_CONNECTION_REFUSED,
  FAILURE_FAULT_ABORT,
  FAILURE_NO_ROUTE,
  FAILURE_NONE,
  FAILURE_RATE_LIMITED,
  FAILURE_SERVICE_ERROR,
  FAILURE_TIMEOUT,
} from "../../model/index.js";
import type { ServiceNetwork } from "../../compile/index.js";
import { DeadlineTimers } from "./deadline-timers.js";
import { countsAgainstReplica, retryConditionsFor } from "./failure-handling.js";
import { ADMIT_OVERFLOW, ADMIT_QUEUED, type TrafficControl } from "./traffic-control.js";

/** What RoutedCalls needs from the request flow that owns the calls. */
export interface CallFlow {
  /** Sends the call to `pod` along its request chain. */
  send(act: number, pod: number): void;
  /** The server side refuses the call with `reason`; the refusal travels back. */
  refuse(act: number, reason: number): void;
  /** The call's iteration is over (completed or failed): on to its parent. */
  iterationDone(act: number): void;
}

export class RoutedCalls {
  readonly #sim: Simulation;
  readonly #acts: ActivationPool;
  readonly #network: ServiceNetwork;
  readonly #traffic: TrafficControl;
  readonly #flow: CallFlow;
  readonly #timers = new DeadlineTimers();
  readonly #startTryKind: number;
  readonly #timeoutKind: number;
  readonly #arriveKind: number;
  /** Calls waiting for a connection limit are still wanted unless abandoned at a timeout. */
  readonly #isWaiting = (act: number): boolean => this.#acts.abandoned[act] === 0;
  readonly #discard = (act: number): void => this.#acts.free(act);

  constructor(sim: Simulation, acts: ActivationPool, network: ServiceNetwork, traffic: TrafficControl, flow: CallFlow) {
    this.#sim = sim;
    this.#acts = acts;
    this.#network = network;
    this.#traffic = traffic;
    this.#flow = flow;
    this.#startTryKind = sim.on("try-starts", (act) => this.startTry(act));
    this.#timeoutKind = sim.on("timeout", (slot) => this.timeoutFired(slot));
    this.#arriveKind = sim.on("fault-delay-ends", (act) => this.#arrive(act));
  }

  /**
   * Starts a call whose caller's proxy may apply rules: under a rule the proxy picks the route
   * and backend and may inject a fault; a caller without one bypasses the rules and kube-proxy
   * picks any pod behind the name.
   */
  startCall(act: number): void {
    const acts = this.#acts;
    const traffic = this.#traffic;
    const host = acts.host[act];
    acts.route[act] = -1;
    acts.slot[act] = -1;
    acts.admitted[act] = 0;
    acts.attempt[act] = 0;
    acts.callStart[act] = this.#sim.now;
    const plan = traffic.plan;
    const counters = traffic.counters;
    if (plan.applies[acts.callerPod[act]] === 0) {
      const pod = traffic.pickBypassPod(host);
      acts.service[act] = this.#network.podService[pod];
      if (plan.hostHasRule[host] === 1) {
        counters.bypassed[host]++;
        counters.countReached(host, acts.service[act]);
      }
      this.#flow.send(act, pod);
      return;
    }
    const route = plan.routeOf[host * plan.typeCount + acts.requestType[act]];
    if (route < 0) {
      counters.noRoute[host]++;
      this.#fail(act, FAILURE_NO_ROUTE);
      return;
    }
    acts.route[act] = route;
    const service = traffic.pickBackend(route);
    acts.service[act] = service;
    if (plan.hostHasRule[host] === 1) {
      counters.applied[host]++;
      counters.countReached(host, service);
    }
    traffic.depositRequest(acts.callerPod[act], host, this.#sim.now);
    if (!plan.faultAtServer) {
      // The caller's proxy injects faults before routing: outside the route's timeout and retries.
      if (traffic.chance(plan.routeAbortFraction[route])) {
        counters.faultAborts++;
        this.#fail(act, FAILURE_FAULT_ABORT);
        return;
      }
      if (traffic.chance(plan.routeDelayFraction[route])) {
        counters.faultDelays++;
        this.#sim.schedule(plan.routeDelayMs[route], this.#startTryKind, act);
        return;
      }
    }
    this.startTry(act);
  }

  /** One try of a routed call: its deadline, the client's connection limit, then the load balancer. */
  startTry(act: number): void {
    const acts = this.#acts;
    const traffic = this.#traffic;
    const plan = traffic.plan;
    const now = this.#sim.now;
    const route = acts.route[act];
    const host = acts.host[act];
    const callDeadline = acts.callStart[act] + plan.routeTimeoutMs[route];
    const view = traffic.viewOf(acts.callerPod[act], acts.service[act]);
    acts.view[act] = view;
    if (now >= callDeadline) {
      // The call's time ran out during a retry's back-off.
      if (acts.attempt[act] > 0) traffic.retryEnded(view);
      this.#fail(act, FAILURE_TIMEOUT);
      return;
    }
    acts.tryStart[act] = now;
    const deadline = Math.min(callDeadline, now + plan.routePerTryTimeoutMs[route]);
    if (deadline < Infinity) this.#sim.schedule(deadline - now, this.#timeoutKind, this.#timers.add(act, acts.generation[act]));
    const admission = traffic.admit(view, host);
    if (admission === ADMIT_QUEUED) {
      traffic.views.pending(view).push(act, now);
      return;
    }
    if (admission === ADMIT_OVERFLOW) {
      this.#endTry(act, false);
      this.#fail(act, FAILURE_CIRCUIT_OPEN);
      return;
    }
    acts.admitted[act] = 1;
    this.#sendTry(act);
  }

  /** An admitted try goes to the replica the client's load balancer picks. */
  #sendTry(act: number): void {
    const acts = this.#acts;
    const traffic = this.#traffic;
    const pod = traffic.pickPod(acts.view[act], acts.service[act], acts.host[act], this.#sim.now);
    acts.slot[act] = traffic.chosenSlot;
    this.#flow.send(act, pod);
  }

  /**
   * A try's answer is back at the caller. Under a route its failure may be retried; a try
   * abandoned at a timeout just ends (its caller has moved on).
   */
  tryFinished(act: number): void {
    const acts = this.#acts;
    if (acts.abandoned[act] === 1) {
      this.#flow.iterationDone(act);
      return;
    }
    const route = acts.route[act];
    if (route >= 0) {
      const failure = acts.failure[act];
      const status = this.#traffic.plan.routeAbortStatus[route];
      this.#endTry(act, countsAgainstReplica(failure, acts.inherited[act] === 1, status));
      if (failure !== FAILURE_NONE && this.#retry(act, retryConditionsFor(failure, acts.inherited[act] === 1, status))) return;
    }
    this.#flow.iterationDone(act);
  }

  /** Releases what a try holds: its place under the connection limit, its replica slot, its retry. */
  #endTry(act: number, failedUpstream: boolean): void {
    const acts = this.#acts;
    const traffic = this.#traffic;
    const view = acts.view[act];
    acts.generation[act]++;
    const slot = acts.slot[act];
    if (slot >= 0) {
      traffic.tryEnded(slot, view, acts.host[act], failedUpstream, this.#sim.now - acts.tryStart[act], this.#sim.now);
      acts.slot[act] = -1;
    }
    if (acts.attempt[act] > 0) traffic.retryEnded(view);
    if (acts.admitted[act] === 1) {
      acts.admitted[act] = 0;
      const next = traffic.release(view, this.#isWaiting, this.#discard);
      if (next >= 0) {
        acts.admitted[next] = 1;
        this.#sendTry(next);
      }
    }
  }

  /** Retries the call if its route allows it for this failure and the budgets have room. */
  #retry(act: number, conditions: number): boolean {
    const acts = this.#acts;
    const traffic = this.#traffic;
    const plan = traffic.plan;
    const route = acts.route[act];
    if (acts.attempt[act] >= plan.routeAttempts[route] || (plan.routeRetryOn[route] & conditions) === 0) return false;
    const now = this.#sim.now;
    if (now >= acts.callStart[act] + plan.routeTimeoutMs[route]) return false;
    if (!traffic.takeRetry(acts.callerPod[act], acts.host[act], acts.view[act], now)) return false;
    acts.attempt[act]++;
    acts.failure[act] = FAILURE_NONE;
    acts.inherited[act] = 0;
    this.#sim.schedule(traffic.backoffMs(route, acts.attempt[act]), this.#startTryKind, act);
    return true;
  }

  /**
   * A try's deadline passed. The try runs on unanswered (the server does not know); the call
   * moves to a fresh activation that retries or fails with a timeout.
   */
  timeoutFired(slot: number): void {
    const timers = this.#timers;
    timers.take(slot);
    const acts = this.#acts;
    const act = timers.takenAct;
    if (acts.generation[act] !== timers.takenGeneration) return;
    const traffic = this.#traffic;
    const route = acts.route[act];
    const callTimedOut = this.#sim.now >= acts.callStart[act] + traffic.plan.routeTimeoutMs[route];
    traffic.counters.timeouts++;
    this.#endTry(act, true);
    const call = this.#takeOver(act);
    acts.failure[call] = FAILURE_TIMEOUT;
    if (!callTimedOut && this.#retry(call, retryConditionsFor(FAILURE_TIMEOUT, false, 0))) return;
    this.#flow.iterationDone(call);
  }

  /** A new activation takes the call over from `act`, which is left to finish unobserved. */
  #takeOver(act: number): number {
    const acts = this.#acts;
    const call = acts.allocate();
    acts.node[call] = acts.node[act];
    acts.parent[call] = acts.parent[act];
    acts.isRoot[call] = acts.isRoot[act];
    acts.requestType[call] = acts.requestType[act];
    acts.tag[call] = acts.tag[act];
    acts.startTime[call] = acts.startTime[act];
    acts.repeatsLeft[call] = acts.repeatsLeft[act];
    acts.callerPod[call] = acts.callerPod[act];
    acts.host[call] = acts.host[act];
    acts.route[call] = acts.route[act];
    acts.service[call] = acts.service[act];
    acts.view[call] = acts.view[act];
    acts.attempt[call] = acts.attempt[act];
    acts.callStart[call] = acts.callStart[act];
    acts.slot[call] = -1;
    acts.admitted[call] = 0;
    acts.abandoned[call] = 0;
    acts.inherited[call] = 0;
    acts.failure[call] = FAILURE_NONE;
    acts.abandoned[act] = 1;
    acts.parent[act] = -1;
    acts.isRoot[act] = 0;
    acts.repeatsLeft[act] = 1;
    return call;
  }

  /** The call reached its pod: a replica in an outage refuses it, its proxy may rate-limit it or inject a fault. */
  atServer(act: number): void {
    const acts = this.#acts;
    const traffic = this.#traffic;
    const plan = traffic.plan;
    const pod = acts.calleePod[act];
    const now = this.#sim.now;
    if (traffic.inOutage(pod, now)) {
      this.#flow.refuse(act, FAILURE_CONNECTION_REFUSED);
      return;
    }
    if (traffic.rateLimited(pod, now)) {
      this.#flow.refuse(act, FAILURE_RATE_LIMITED);
      return;
    }
    const route = acts.route[act];
    if (plan.faultAtServer && route >= 0 && acts.abandoned[act] === 0) {
      if (traffic.chance(plan.routeAbortFraction[route])) {
        traffic.counters.faultAborts++;
        this.#flow.refuse(act, FAILURE_FAULT_ABORT);
        return;
      }
      if (traffic.chance(plan.routeDelayFraction[route])) {
        traffic.counters.faultDelays++;
        this.#sim.schedule(plan.routeDelayMs[route], this.#arriveKind, act);
        return;
      }
    }
    this.#arrive(act);
  }


  /** The app answers 500 at its service's error rate (after doing the work). */
  answer(act: number, service: number): void {
    const acts = this.#acts;
    if (acts.failure[act] === FAILURE_NONE && this.#traffic.chance(this.#traffic.plan.serviceErrorRate[service])) {
      acts.failure[act] = FAILURE_SERVICE_ERROR;
      acts.inherited[act] = 0;
    }
  }

  /** A call fails without reaching a server (no route, an injected abort, the proxy's overflow). */
  #fail(act: number, reason: number): void {
    this.#acts.failure[act] = reason;
    this.#acts.inherited[act] = 0;
    this.#flow.iterationDone(act);
  }

  #arrive(act: number): void {
    const network = this.#network;
    network.stations[network.podStation[this.#acts.calleePod[act]]].arrive(act);
  }
}
