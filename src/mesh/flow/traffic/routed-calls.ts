/**
 * The life of a call under traffic rules, from the caller's proxy's point of view: the route
 * and backend it picks, faults it injects, the tries it makes (each under the client's
 * connection limit, to the replica its load balancer picks, with a deadline), the retries and
 * the timeouts that abandon a try, and at the server the outage, rate limit and server-side
 * faults a call may meet. RequestFlow runs the call tree and hands calls here when rules,
 * mesh defaults or failure sources are in play. The try's state (TryFields) is written here
 * only; the call tree's is changed through the CallFlow.
 */

import type { Simulation } from "../../../engine/index.js";
import type { ActivationPool } from "../activation-pool.js";
import type { CallFields } from "../call-fields.js";
import type { CallFlow, CallRouting } from "../call-routing.js";
import {
  FAILURE_CIRCUIT_OPEN,
  FAILURE_CONNECTION_REFUSED,
  FAILURE_FAULT_ABORT,
  FAILURE_NO_ENDPOINTS,
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
import { TryFields } from "./try-fields.js";

export class RoutedCalls implements CallRouting {
  readonly #sim: Simulation;
  readonly #pool: ActivationPool;
  /** The call tree's state: read here, changed through #flow. */
  readonly #calls: CallFields;
  readonly #tries: TryFields;
  readonly #network: ServiceNetwork;
  readonly #traffic: TrafficControl;
  readonly #flow: CallFlow;
  readonly #timers = new DeadlineTimers();
  readonly #startTryKind: number;
  readonly #timeoutKind: number;
  readonly #arriveKind: number;
  /** Calls waiting for a connection limit are still wanted unless abandoned at a timeout. */
  readonly #isWaiting = (act: number): boolean => this.#tries.abandoned[act] === 0;
  readonly #discard = (act: number): void => this.#pool.free(act);

  constructor(sim: Simulation, pool: ActivationPool, calls: CallFields, network: ServiceNetwork, traffic: TrafficControl, flow: CallFlow) {
    this.#sim = sim;
    this.#pool = pool;
    this.#calls = calls;
    this.#tries = pool.attach(new TryFields(pool.capacity));
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
    const calls = this.#calls;
    const tries = this.#tries;
    const traffic = this.#traffic;
    const host = calls.host[act];
    tries.route[act] = -1;
    tries.slot[act] = -1;
    tries.admitted[act] = 0;
    tries.abandoned[act] = 0;
    tries.attempt[act] = 0;
    tries.callStart[act] = this.#sim.now;
    const plan = traffic.plan;
    const counters = traffic.counters;
    if (plan.applies[calls.callerPod[act]] === 0) {
      const pod = traffic.pickBypassPod(host, calls.callerPod[act]);
      if (pod < 0) {
        this.#flow.fail(act, FAILURE_NO_ENDPOINTS);
        return;
      }
      tries.service[act] = this.#network.podService[pod];
      if (plan.hostHasRule[host] === 1) {
        counters.bypassed[host]++;
        counters.countReached(host, tries.service[act]);
      }
      this.#flow.send(act, pod);
      return;
    }
    const route = plan.routeOf[host * plan.typeCount + calls.requestType[act]];
    if (route < 0) {
      counters.noRoute[host]++;
      this.#flow.fail(act, FAILURE_NO_ROUTE);
      return;
    }
    tries.route[act] = route;
    const service = traffic.pickBackend(route);
    tries.service[act] = service;
    if (plan.hostHasRule[host] === 1) {
      counters.applied[host]++;
      counters.countReached(host, service);
    }
    traffic.depositRequest(calls.callerPod[act], host, this.#sim.now);
    if (!plan.faultAtServer) {
      // The caller's proxy injects faults before routing: outside the route's timeout and retries.
      if (traffic.chance(plan.routeAbortFraction[route])) {
        counters.faultAborts++;
        this.#flow.fail(act, FAILURE_FAULT_ABORT);
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
    const tries = this.#tries;
    const traffic = this.#traffic;
    const plan = traffic.plan;
    const now = this.#sim.now;
    const route = tries.route[act];
    const host = this.#calls.host[act];
    const callDeadline = tries.callStart[act] + plan.routeTimeoutMs[route];
    const view = traffic.viewOf(this.#calls.callerPod[act], tries.service[act]);
    tries.view[act] = view;
    if (now >= callDeadline) {
      // The call's time ran out during a retry's back-off.
      if (tries.attempt[act] > 0) traffic.retryEnded(view);
      this.#flow.fail(act, FAILURE_TIMEOUT);
      return;
    }
    tries.tryStart[act] = now;
    const deadline = Math.min(callDeadline, now + plan.routePerTryTimeoutMs[route]);
    if (deadline < Infinity) this.#sim.schedule(deadline - now, this.#timeoutKind, this.#timers.add(act, tries.generation[act]));
    const admission = traffic.admit(view, host);
    if (admission === ADMIT_QUEUED) {
      traffic.views.pending(view).push(act, now);
      return;
    }
    if (admission === ADMIT_OVERFLOW) {
      this.#endTry(act, false);
      this.#flow.fail(act, FAILURE_CIRCUIT_OPEN);
      return;
    }
    tries.admitted[act] = 1;
    this.#sendTry(act);
  }

  /** An admitted try goes to the replica the client's load balancer picks. */
  #sendTry(act: number): void {
    const tries = this.#tries;
    const traffic = this.#traffic;
    const pod = traffic.pickPod(tries.view[act], tries.service[act], this.#calls.host[act], this.#sim.now, this.#calls.callerPod[act]);
    tries.slot[act] = traffic.chosenSlot;
    if (pod < 0) {
      this.#endTry(act, false);
      this.#flow.fail(act, FAILURE_NO_ENDPOINTS);
      return;
    }
    this.#flow.send(act, pod);
  }

  /**
   * A try's answer is back at the caller. Under a route its failure may be retried; a try
   * abandoned at a timeout just ends (its caller has moved on).
   */
  tryFinished(act: number): void {
    const tries = this.#tries;
    if (tries.abandoned[act] === 1) {
      this.#flow.iterationDone(act);
      return;
    }
    const route = tries.route[act];
    if (route >= 0) {
      const calls = this.#calls;
      const failure = calls.failure[act];
      const status = this.#traffic.plan.routeAbortStatus[route];
      this.#endTry(act, countsAgainstReplica(failure, calls.inherited[act] === 1, status));
      if (failure !== FAILURE_NONE && this.#retry(act, retryConditionsFor(failure, calls.inherited[act] === 1, status))) return;
    }
    this.#flow.iterationDone(act);
  }

  /** Releases what a try holds: its place under the connection limit, its replica slot, its retry. */
  #endTry(act: number, failedUpstream: boolean): void {
    const tries = this.#tries;
    const traffic = this.#traffic;
    const view = tries.view[act];
    tries.generation[act]++;
    const slot = tries.slot[act];
    if (slot >= 0) {
      traffic.tryEnded(slot, view, this.#calls.host[act], failedUpstream, this.#sim.now - tries.tryStart[act], this.#sim.now);
      tries.slot[act] = -1;
    }
    if (tries.attempt[act] > 0) traffic.retryEnded(view);
    if (tries.admitted[act] === 1) {
      tries.admitted[act] = 0;
      const next = traffic.release(view, this.#isWaiting, this.#discard);
      if (next >= 0) {
        tries.admitted[next] = 1;
        this.#sendTry(next);
      }
    }
  }

  /** Retries the call if its route allows it for this failure and the budgets have room. */
  #retry(act: number, conditions: number): boolean {
    const tries = this.#tries;
    const traffic = this.#traffic;
    const plan = traffic.plan;
    const route = tries.route[act];
    if (tries.attempt[act] >= plan.routeAttempts[route] || (plan.routeRetryOn[route] & conditions) === 0) return false;
    const now = this.#sim.now;
    if (now >= tries.callStart[act] + plan.routeTimeoutMs[route]) return false;
    if (!traffic.takeRetry(this.#calls.callerPod[act], this.#calls.host[act], tries.view[act], now)) return false;
    tries.attempt[act]++;
    this.#flow.clearFailure(act);
    this.#sim.schedule(traffic.backoffMs(route, tries.attempt[act]), this.#startTryKind, act);
    return true;
  }

  /**
   * A try's deadline passed. The try runs on unanswered (the server does not know); the call
   * moves to a fresh activation that retries or fails with a timeout.
   */
  timeoutFired(slot: number): void {
    const timers = this.#timers;
    timers.take(slot);
    const tries = this.#tries;
    const act = timers.takenAct;
    if (tries.generation[act] !== timers.takenGeneration) return;
    const traffic = this.#traffic;
    const route = tries.route[act];
    const callTimedOut = this.#sim.now >= tries.callStart[act] + traffic.plan.routeTimeoutMs[route];
    traffic.counters.timeouts++;
    this.#endTry(act, true);
    const call = this.#takeOver(act);
    this.#flow.markFailed(call, FAILURE_TIMEOUT);
    if (!callTimedOut && this.#retry(call, retryConditionsFor(FAILURE_TIMEOUT, false, 0))) return;
    this.#flow.iterationDone(call);
  }

  /** A new activation takes the call over from `act`, which is left to finish unobserved. */
  #takeOver(act: number): number {
    const tries = this.#tries;
    const call = this.#flow.takeOver(act);
    tries.copyCall(act, call);
    tries.slot[call] = -1;
    tries.admitted[call] = 0;
    tries.abandoned[call] = 0;
    tries.abandoned[act] = 1;
    return call;
  }

  /** The call reached its pod: a replica in an outage refuses it, its proxy may rate-limit it or inject a fault. */
  atServer(act: number): void {
    const traffic = this.#traffic;
    const plan = traffic.plan;
    const pod = this.#calls.calleePod[act];
    const now = this.#sim.now;
    if (traffic.inOutage(pod, now)) {
      this.#flow.refuse(act, FAILURE_CONNECTION_REFUSED);
      return;
    }
    if (traffic.rateLimited(pod, now)) {
      this.#flow.refuse(act, FAILURE_RATE_LIMITED);
      return;
    }
    const route = this.#tries.route[act];
    if (plan.faultAtServer && route >= 0 && this.#tries.abandoned[act] === 0) {
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
    if (this.#calls.failure[act] === FAILURE_NONE && this.#traffic.chance(this.#traffic.plan.serviceErrorRate[service])) {
      this.#flow.markFailed(act, FAILURE_SERVICE_ERROR);
    }
  }

  #arrive(act: number): void {
    const network = this.#network;
    network.stations[network.podStation[this.#calls.calleePod[act]]].arrive(act);
  }
}
