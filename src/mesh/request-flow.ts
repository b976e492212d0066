/**
 * Runs requests through the compiled call trees: each call travels its request chain to a
 * replica of the callee, is served there, runs the callee's own calls, and returns along its
 * response chain. State lives in an ActivationPool and every step is an event with an integer
 * argument, so the flow allocates nothing per request.
 */

import type { Simulation } from "../engine/index.js";
import type { Rng } from "../random/index.js";
import { ActivationPool } from "./activation-pool.js";
import { NODE_CALL, NODE_PARALLEL, type CallProgram } from "./call-program.js";
import { CallConnections } from "./call-connections.js";
import {
  FAILURE_CIRCUIT_OPEN,
  FAILURE_CONNECTION_REFUSED,
  FAILURE_DENIED_BY_POLICY,
  FAILURE_FAULT_ABORT,
  FAILURE_MTLS_PLAINTEXT_REFUSED,
  FAILURE_NO_ROUTE,
  FAILURE_NONE,
  FAILURE_RATE_LIMITED,
  FAILURE_SERVICE_ERROR,
  FAILURE_TIMEOUT,
} from "./failure-reasons.js";
import { OverloadError } from "./overload-error.js";
import { CLIENT_POD, CONNECT_STEP_OFFSET, ServiceNetwork, type NetworkCallbacks, type StreamFactory } from "./service-network.js";
import type { Topology } from "./topology.js";
import type { MeshOptions, MeshProfile } from "./mesh-profile.js";
import { DeadlineTimers } from "./traffic/deadline-timers.js";
import { countsAgainstReplica, retryConditionsFor } from "./traffic/failure-handling.js";
import { ADMIT_NOW, ADMIT_OVERFLOW, ADMIT_QUEUED, TrafficControl } from "./traffic/traffic-control.js";
import type { TrafficCounts } from "./traffic/traffic-counters.js";
import { compileTrafficPlan } from "./traffic/traffic-plan.js";

/** Told when a request root completes or fails. */
export interface RequestObserver {
  requestCompleted(requestType: number, intendedStartMs: number, tag: number): void;
  /** `reason` indexes FAILURE_REASONS. */
  requestFailed(requestType: number, intendedStartMs: number, tag: number, reason: number): void;
}

export interface RequestFlowOptions {
  topology: Topology;
  program: CallProgram;
  profile: MeshProfile;
  mesh: MeshOptions;
  clientNode: number;
  clientMeshed: boolean;
  clientKeepAlive: boolean;
  streams: StreamFactory;
  observer: RequestObserver;
  /** Fail the run as overloaded when more activations than this are in flight. */
  maxInFlight: number;
}

/** The request interpreter over one ServiceNetwork. */
export class RequestFlow {
  readonly network: ServiceNetwork;
  readonly #sim: Simulation;
  readonly #program: CallProgram;
  readonly #acts = new ActivationPool();
  readonly #routing: Rng;
  readonly #observer: RequestObserver;
  readonly #maxInFlight: number;
  readonly #stepKind: number;
  readonly #connections: CallConnections;
  /** Traffic rules, mesh defaults and failure sources; undefined when none is in play. */
  readonly #traffic: TrafficControl | undefined;
  readonly #balancing: Rng;
  readonly #timers = new DeadlineTimers();
  readonly #startTryKind: number;
  readonly #timeoutKind: number;
  readonly #arriveKind: number;
  readonly #serviceNames: string[];

  constructor(sim: Simulation, options: RequestFlowOptions) {
    this.#sim = sim;
    this.#program = options.program;
    this.#routing = options.streams("routing");
    this.#observer = options.observer;
    this.#maxInFlight = options.maxInFlight;
    const program = options.program;
    const acts = this.#acts;
    const callbacks: NetworkCallbacks = {
      appServed: (act) => this.#appServed(act),
      stepServed: (act) => this.#nextStep(act),
      pass: {
        protocolOf: (act) => this.network.serviceProtocol[program.service[acts.node[act]]],
        payloadKiBOf: (act) => {
          const node = acts.node[act];
          return (program.requestBytes[node] + program.responseBytes[node]) / 1024;
        },
        handshakeCpuMsOf: (act) => this.#connections.handshakeCpuMsOf(act),
        encryptionCpuMsOf: (act) => this.#connections.encryptionCpuMsOf(act),
        authorizationCpuMsOf: (act) => this.#connections.authorizationCpuMsOf(act),
      },
    };
    this.network = new ServiceNetwork(sim, {
      topology: options.topology,
      profile: options.profile,
      mesh: options.mesh,
      clientNode: options.clientNode,
      clientMeshed: options.clientMeshed,
      clientKeepAlive: options.clientKeepAlive,
      streams: options.streams,
      callbacks,
    });
    this.#connections = new CallConnections(this.network, options.profile, acts, program);
    this.#stepKind = sim.on("network-delivered", (act) => this.#nextStep(act));
    this.#balancing = options.streams("balancing");
    const network = this.network;
    const plan = compileTrafficPlan({
      topology: options.topology,
      profile: options.profile,
      mesh: options.mesh,
      podMeshed: network.podMeshed,
      podNode: network.podNode,
      podService: network.podService,
      servicePods: network.servicePods,
    });
    this.#traffic = plan.active ? new TrafficControl(plan, network.servicePods, network.podService, this.#balancing) : undefined;
    this.#serviceNames = options.topology.services.map((service) => service.name);
    this.#startTryKind = sim.on("try-starts", (act) => this.#startTry(act));
    this.#timeoutKind = sim.on("timeout", (slot) => this.#timeoutFired(slot));
    this.#arriveKind = sim.on("fault-delay-ends", (act) => this.#arriveAtApp(act));
  }

  /** Activations in flight now. */
  get inFlight(): number {
    return this.#acts.live;
  }

  /** Largest number of activations in flight at once. */
  get peakInFlight(): number {
    return this.#acts.capacityUsed;
  }

  /** Connections opened and mTLS handshakes made since the last reset. */
  connectionCounts(): ReturnType<CallConnections["counts"]> {
    return this.#connections.counts();
  }

  /** Every workload certificate rotates now: pooled connections reconnect with full handshakes. */
  rotateCertificates(): void {
    this.#connections.rotateCertificates();
  }

  /** Starts counting connections anew (after warm-up). */
  resetConnectionCounts(): void {
    this.#connections.resetCounts();
  }

  /** What the traffic rules did since the last reset; undefined when no rule or failure is in play. */
  trafficCounts(): TrafficCounts | undefined {
    const traffic = this.#traffic;
    if (!traffic) return undefined;
    return traffic.counters.toCounts(traffic.plan.hostNames, traffic.plan.hostHasRule, this.#serviceNames);
  }

  /** Starts counting traffic anew (after warm-up). */
  resetTrafficCounts(): void {
    this.#traffic?.counters.reset();
  }

  /**
   * Sends one request of `requestType` from the load generator. Latency is measured from
   * `intendedStartMs`, which may be earlier than now when the request waited for a connection.
   */
  startRequest(requestType: number, intendedStartMs: number, tag: number): void {
    const acts = this.#acts;
    if (acts.live >= this.#maxInFlight) throw this.#overloaded();
    const act = acts.allocate();
    acts.node[act] = this.#program.roots[requestType];
    acts.parent[act] = -1;
    acts.isRoot[act] = 1;
    acts.requestType[act] = requestType;
    acts.tag[act] = tag;
    acts.startTime[act] = intendedStartMs;
    acts.repeatsLeft[act] = 1;
    acts.callerPod[act] = CLIENT_POD;
    acts.failure[act] = FAILURE_NONE;
    acts.inherited[act] = 0;
    acts.abandoned[act] = 0;
    this.#startCall(act);
  }

  // --- internal ---

  /** Starts `node` as a child of `from` (which waits for it unless `parent` is -1). */
  #spawn(node: number, from: number, parent: number, repeats: number, callerPod: number): void {
    const acts = this.#acts;
    const act = acts.allocate();
    acts.node[act] = node;
    acts.parent[act] = parent;
    acts.isRoot[act] = 0;
    // Apps pass the request's headers on to their own calls, so header routes see the type.
    acts.requestType[act] = acts.requestType[from];
    acts.repeatsLeft[act] = repeats;
    acts.callerPod[act] = callerPod;
    acts.failure[act] = FAILURE_NONE;
    acts.inherited[act] = 0;
    acts.abandoned[act] = 0;
    this.#startIteration(act);
  }

  #startIteration(act: number): void {
    const program = this.#program;
    const kind = program.kind[this.#acts.node[act]];
    if (kind === NODE_CALL) this.#startCall(act);
    else if (kind === NODE_PARALLEL) this.#startParallel(act);
    else this.#startSequence(act);
  }

  /**
   * Starts a call: the caller's proxy (where one applies rules) picks the route and backend
   * and may inject a fault; otherwise kube-proxy picks any pod behind the name.
   */
  #startCall(act: number): void {
    const acts = this.#acts;
    const host = this.#program.host[acts.node[act]];
    acts.host[act] = host;
    acts.route[act] = -1;
    acts.slot[act] = -1;
    acts.admitted[act] = 0;
    acts.attempt[act] = 0;
    acts.callStart[act] = this.#sim.now;
    const traffic = this.#traffic;
    if (!traffic) {
      const pods = this.network.servicePods[host];
      this.#send(act, pods.length === 1 ? pods[0] : pods[Math.floor(this.#balancing() * pods.length)]);
      return;
    }
    const plan = traffic.plan;
    const counters = traffic.counters;
    if (plan.applies[acts.callerPod[act]] === 0) {
      const pod = traffic.pickBypassPod(host);
      acts.service[act] = this.network.podService[pod];
      if (plan.hostHasRule[host] === 1) {
        counters.bypassed[host]++;
        counters.countReached(host, acts.service[act]);
      }
      this.#send(act, pod);
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
    traffic.depositRequest(host, this.#sim.now);
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
    this.#startTry(act);
  }

  /** One try of a routed call: its deadline, the client's connection limit, then the load balancer. */
  #startTry(act: number): void {
    const acts = this.#acts;
    const traffic = this.#traffic!;
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
    const traffic = this.#traffic!;
    const pod = traffic.pickPod(acts.view[act], acts.service[act], acts.host[act], this.#sim.now);
    acts.slot[act] = traffic.chosenSlot;
    this.#send(act, pod);
  }

  #send(act: number, callee: number): void {
    const acts = this.#acts;
    const network = this.network;
    acts.calleePod[act] = callee;
    acts.chain[act] = network.requestChain[acts.callerPod[act] * network.podCount + callee];
    acts.leg[act] = 0;
    acts.phase[act] = 0;
    this.#connections.open(act);
    this.#nextStep(act);
  }

  /** A call fails without reaching a server (no route, an injected abort, the proxy's overflow). */
  #fail(act: number, reason: number): void {
    this.#acts.failure[act] = reason;
    this.#acts.inherited[act] = 0;
    this.#iterationDone(act);
  }

  /**
   * A try's answer is back at the caller. Under a route its failure may be retried; a try
   * abandoned at a timeout just ends (its caller has moved on).
   */
  #tryFinished(act: number): void {
    const acts = this.#acts;
    if (acts.abandoned[act] === 1) {
      this.#iterationDone(act);
      return;
    }
    const route = acts.route[act];
    if (route >= 0) {
      const failure = acts.failure[act];
      const status = this.#traffic!.plan.routeAbortStatus[route];
      this.#endTry(act, countsAgainstReplica(failure, acts.inherited[act] === 1, status));
      if (failure !== FAILURE_NONE && this.#retry(act, retryConditionsFor(failure, acts.inherited[act] === 1, status))) return;
    }
    this.#iterationDone(act);
  }

  /** Releases what a try holds: its place under the connection limit, its replica slot, its retry. */
  #endTry(act: number, failedUpstream: boolean): void {
    const acts = this.#acts;
    const traffic = this.#traffic!;
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

  readonly #isWaiting = (act: number): boolean => this.#acts.abandoned[act] === 0;
  readonly #discard = (act: number): void => this.#acts.free(act);

  /** Retries the call if its route allows it for this failure and the budgets have room. */
  #retry(act: number, conditions: number): boolean {
    const acts = this.#acts;
    const traffic = this.#traffic!;
    const plan = traffic.plan;
    const route = acts.route[act];
    if (acts.attempt[act] >= plan.routeAttempts[route] || (plan.routeRetryOn[route] & conditions) === 0) return false;
    const now = this.#sim.now;
    if (now >= acts.callStart[act] + plan.routeTimeoutMs[route]) return false;
    if (!traffic.takeRetry(acts.host[act], acts.view[act], now)) return false;
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
  #timeoutFired(slot: number): void {
    const timers = this.#timers;
    timers.take(slot);
    const acts = this.#acts;
    const act = timers.takenAct;
    if (acts.generation[act] !== timers.takenGeneration) return;
    const traffic = this.#traffic!;
    const route = acts.route[act];
    const callTimedOut = this.#sim.now >= acts.callStart[act] + traffic.plan.routeTimeoutMs[route];
    traffic.counters.timeouts++;
    this.#endTry(act, true);
    const call = this.#takeOver(act);
    acts.failure[call] = FAILURE_TIMEOUT;
    if (!callTimedOut && this.#retry(call, retryConditionsFor(FAILURE_TIMEOUT, false, 0))) return;
    this.#iterationDone(call);
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

  /** Advances along the current chain until a step has to wait (a station or a delay). */
  #nextStep(act: number): void {
    const acts = this.#acts;
    const network = this.network;
    const chain = acts.chain[act];
    const length = network.chainLength[chain];
    for (;;) {
      const leg = acts.leg[act];
      if (leg === length) {
        if (acts.phase[act] === 1) {
          this.#connections.close(act);
          this.#tryFinished(act);
        } else if (this.#connections.refused(act)) {
          this.#refuse(act, FAILURE_MTLS_PLAINTEXT_REFUSED);
        } else if (this.#connections.denied(act)) {
          this.#refuse(act, FAILURE_DENIED_BY_POLICY);
        } else if (this.#traffic) {
          this.#atServer(act);
        } else {
          network.stations[network.podStation[acts.calleePod[act]]].arrive(act);
        }
        return;
      }
      acts.leg[act] = leg + 1;
      const step = network.steps[network.chainStart[chain] + leg];
      if (step >= 0) {
        network.stations[step].arrive(act);
        return;
      }
      const node = acts.node[act];
      const bytes = acts.phase[act] === 0 ? this.#program.requestBytes[node] : this.#program.responseBytes[node];
      const encoded = -step - 1;
      const isConnectHop = encoded >= CONNECT_STEP_OFFSET;
      const link = network.links[isConnectHop ? encoded - CONNECT_STEP_OFFSET : encoded];
      const delay = link.delayMs(bytes) + (isConnectHop ? this.#connections.connectDelayMs(act, link.oneWayMs) : 0);
      if (delay > 0) {
        this.#sim.schedule(delay, this.#stepKind, act);
        return;
      }
    }
  }

  /** The call reached its pod: a replica in an outage refuses it, its proxy may rate-limit it or inject a fault. */
  #atServer(act: number): void {
    const acts = this.#acts;
    const traffic = this.#traffic!;
    const plan = traffic.plan;
    const pod = acts.calleePod[act];
    const now = this.#sim.now;
    if (traffic.inOutage(pod, now)) {
      this.#refuse(act, FAILURE_CONNECTION_REFUSED);
      return;
    }
    if (traffic.rateLimited(pod, now)) {
      this.#refuse(act, FAILURE_RATE_LIMITED);
      return;
    }
    const route = acts.route[act];
    if (plan.faultAtServer && route >= 0 && acts.abandoned[act] === 0) {
      if (traffic.chance(plan.routeAbortFraction[route])) {
        traffic.counters.faultAborts++;
        this.#refuse(act, FAILURE_FAULT_ABORT);
        return;
      }
      if (traffic.chance(plan.routeDelayFraction[route])) {
        traffic.counters.faultDelays++;
        this.#sim.schedule(plan.routeDelayMs[route], this.#arriveKind, act);
        return;
      }
    }
    this.#arriveAtApp(act);
  }

  #arriveAtApp(act: number): void {
    const network = this.network;
    network.stations[network.podStation[this.#acts.calleePod[act]]].arrive(act);
  }

  #appServed(act: number): void {
    const acts = this.#acts;
    if (this.#program.childCount[acts.node[act]] > 0) {
      acts.cursor[act] = 0;
      this.#advance(act);
    } else {
      this.#respond(act);
    }
  }

  /** The server side refuses the call: it fails and the refusal travels back, no app work. */
  #refuse(act: number, reason: number): void {
    const acts = this.#acts;
    const network = this.network;
    acts.failure[act] = reason;
    acts.inherited[act] = 0;
    acts.chain[act] = network.responseChain[acts.callerPod[act] * network.podCount + acts.calleePod[act]];
    acts.leg[act] = 0;
    acts.phase[act] = 1;
    this.#nextStep(act);
  }

  #respond(act: number): void {
    const acts = this.#acts;
    const network = this.network;
    const callee = acts.calleePod[act];
    const service = network.podService[callee];
    if (network.serviceHoldsWorker[service] === 1) {
      network.stations[network.podStation[callee]].release();
    }
    const traffic = this.#traffic;
    if (traffic && acts.failure[act] === FAILURE_NONE && traffic.chance(traffic.plan.serviceErrorRate[service])) {
      acts.failure[act] = FAILURE_SERVICE_ERROR;
      acts.inherited[act] = 0;
    }
    acts.chain[act] = network.responseChain[acts.callerPod[act] * network.podCount + callee];
    acts.leg[act] = 0;
    acts.phase[act] = 1;
    this.#nextStep(act);
  }

  #startSequence(act: number): void {
    this.#acts.cursor[act] = 0;
    this.#advance(act);
  }

  /**
   * Starts the next child of a call or sequence that actually runs (probability and repeat
   * drawn here); when none is left the call responds or the sequence's iteration ends.
   */
  #advance(act: number): void {
    const acts = this.#acts;
    const program = this.#program;
    const node = acts.node[act];
    const first = program.childStart[node];
    const count = program.childCount[node];
    const here = this.#childCallerPod(act);
    // A failed child ends its parent's work: the rest of a sequence is not attempted.
    if (acts.failure[act] !== FAILURE_NONE) acts.cursor[act] = count;
    while (acts.cursor[act] < count) {
      const child = program.children[first + acts.cursor[act]];
      acts.cursor[act]++;
      const repeats = this.#drawRepeats(child);
      if (repeats === 0) continue;
      if (program.async[child] === 1) {
        this.#spawn(child, act, -1, repeats, here);
        continue;
      }
      // The spawned child may complete synchronously (an empty group) and re-enter #advance
      // for this activation; returning right after keeps that safe.
      this.#spawn(child, act, act, repeats, here);
      return;
    }
    if (program.kind[node] === NODE_CALL) this.#respond(act);
    else this.#iterationDone(act);
  }

  #startParallel(act: number): void {
    const acts = this.#acts;
    const program = this.#program;
    const node = acts.node[act];
    const first = program.childStart[node];
    const count = program.childCount[node];
    const here = this.#childCallerPod(act);
    // One extra count held while spawning, so a child that completes at once cannot finish
    // the group before its siblings have started.
    acts.cursor[act] = 1;
    for (let i = 0; i < count; i++) {
      const child = program.children[first + i];
      const repeats = this.#drawRepeats(child);
      if (repeats === 0) continue;
      if (program.async[child] === 1) {
        this.#spawn(child, act, -1, repeats, here);
      } else {
        acts.cursor[act]++;
        this.#spawn(child, act, act, repeats, here);
      }
    }
    this.#childDone(act);
  }

  #childDone(parent: number): void {
    const acts = this.#acts;
    if (this.#program.kind[acts.node[parent]] === NODE_PARALLEL) {
      if (--acts.cursor[parent] === 0) this.#iterationDone(parent);
    } else {
      this.#advance(parent);
    }
  }

  #iterationDone(act: number): void {
    const acts = this.#acts;
    const failure = acts.failure[act];
    if (failure === FAILURE_NONE && --acts.repeatsLeft[act] > 0) {
      this.#startIteration(act);
      return;
    }
    const parent = acts.parent[act];
    if (acts.isRoot[act] === 1) {
      const type = acts.requestType[act];
      const start = acts.startTime[act];
      const tag = acts.tag[act];
      acts.free(act);
      if (failure === FAILURE_NONE) this.#observer.requestCompleted(type, start, tag);
      else this.#observer.requestFailed(type, start, tag, failure);
      return;
    }
    acts.free(act);
    if (parent < 0) return;
    if (failure !== FAILURE_NONE && acts.failure[parent] === FAILURE_NONE) {
      acts.failure[parent] = failure;
      acts.inherited[parent] = 1;
    }
    this.#childDone(parent);
  }

  /** Children of a call are issued from the callee's pod; a group's from its own caller. */
  #childCallerPod(act: number): number {
    const acts = this.#acts;
    return this.#program.kind[acts.node[act]] === NODE_CALL ? acts.calleePod[act] : acts.callerPod[act];
  }

  /** Whole repetitions, with the fractional part as the chance of one more; 0 if skipped. */
  #drawRepeats(node: number): number {
    const program = this.#program;
    const probability = program.probability[node];
    if (probability < 1 && this.#routing() >= probability) return 0;
    const repeat = program.repeat[node];
    const whole = Math.floor(repeat);
    return repeat === whole ? whole : whole + (this.#routing() < repeat - whole ? 1 : 0);
  }

  #overloaded(): OverloadError {
    const stations = this.network.stations;
    let longest = stations[0];
    for (const station of stations) if (station.queueLength > longest.queueLength) longest = station;
    return new OverloadError(
      `more than ${this.#maxInFlight} calls in flight at t=${(this.#sim.now / 1000).toFixed(1)} s; ` +
        `longest queue: ${longest.name} with ${longest.queueLength} waiting`,
      longest.name,
    );
  }
}
