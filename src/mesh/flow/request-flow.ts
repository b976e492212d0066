/**
 * Runs requests through the compiled call trees: each call travels its request chain to a
 * replica of the callee, is served there, runs the callee's own calls, and returns along its
 * response chain. The call tree's state (CallFields) is written here and by the CallTree, which
 * starts each activation's children and hands its end up; where a call goes is its CallRouting's
 * business (createCallRouting: DirectCalls, or RoutedCalls under traffic rules). Every step is an
 * event with an integer argument, so the flow allocates nothing per request.
 */

import type { Simulation } from "../../engine/index.js";
import {
  CONNECT_STEP_OFFSET,
  FIRST_ZONE_LINK,
  NODE_CALL,
  ServiceNetwork,
  setActiveReplicas,
  type CallProgram,
  type LocalityTables,
  type NetworkCallbacks,
  type NetworkOptions,
} from "../compile/index.js";
import { FAILURE_CONNECTION_RESET, FAILURE_DENIED_BY_POLICY, FAILURE_MTLS_PLAINTEXT_REFUSED, FAILURE_NONE, inFlightOverload } from "../model/index.js";
import { ActivationPool } from "./activation-pool.js";
import { CallConnections } from "./call-connections.js";
import { CallFields } from "./call-fields.js";
import { CallTracer, type TraceSink } from "./call-tracer.js";
import { CallTree, type RequestObserver } from "./call-tree.js";
import type { CallFlow, CallRouting } from "./call-routing.js";
import { createCallRouting } from "./create-call-routing.js";
import type { TrafficControl } from "./traffic/traffic-control.js";

/**
 * Told of every call attempt that came back to its caller (a response or a refusal): the golden
 * signals per service and per call edge, as the mesh's dashboards show them. Services are topology
 * indices; the load generator is -1.
 */
export interface CallSink {
  /** `failed`: the attempt failed, by its own failure or one of the callee's calls. */
  returned(callerService: number, calleeService: number, sentMs: number, nowMs: number, failed: boolean): void;
}

/** What the network is compiled from (the flow supplies its callbacks), and the call program. */
export interface RequestFlowOptions extends Omit<NetworkOptions, "callbacks"> {
  program: CallProgram;
  observer: RequestObserver;
  /** Fail the run as overloaded when more activations than this are in flight. */
  maxInFlight: number;
  /** Where sampled requests' spans go; absent: no tracing, and nothing of it in the hot loop. */
  traces?: TraceSink;
  /** Where call attempts are told as they come back; absent: nothing of it in the hot loop. */
  calls?: CallSink;
}

/** The request interpreter over one ServiceNetwork. */
export class RequestFlow {
  readonly network: ServiceNetwork;
  readonly #sim: Simulation;
  readonly #program: CallProgram;
  readonly #pool = new ActivationPool();
  readonly #acts = this.#pool.attach(new CallFields(this.#pool.capacity));
  readonly #tree: CallTree;
  readonly #maxInFlight: number;
  readonly #stepKind: number;
  /** Connections and mTLS handshakes of every call (counts, certificate rotation). */
  readonly connections: CallConnections;
  /** Traffic rules, mesh defaults and failure sources (counts); undefined when none is in play. */
  readonly traffic: TrafficControl | undefined;
  readonly #routing: CallRouting;
  readonly #tracer: CallTracer | undefined;
  readonly #locality: LocalityTables | undefined;
  readonly #calls: CallSink | undefined;
  /** The departure a planned proxy just told (stepDepartsAt), for #walkFromDeparture. */
  #departsAtMs = 0;

  constructor(sim: Simulation, options: RequestFlowOptions) {
    this.#sim = sim;
    this.#program = options.program;
    this.#maxInFlight = options.maxInFlight;
    this.#calls = options.calls;
    const program = options.program;
    const acts = this.#acts;
    const callbacks: NetworkCallbacks = {
      appServed: (act) => this.#appServed(act),
      stepServed: (act) => {
        if (this.#tracer !== undefined) this.#tracer.served(act);
        this.#nextStep(act);
      },
      // Known at a planned proxy's arrival: its departure, and the delays after it, one event.
      // Traces tell each served moment as it happens, so they keep the served events.
      stepDepartsAt: options.traces
        ? undefined
        : (act, station) => {
            this.#departsAtMs = station.departureMs;
            this.#walkFromDeparture(act);
          },
      // Only with traces: the app stations then tell when their work starts.
      appStarted: options.traces && ((act) => this.#tracer!.appStarted(act)),
      pass: {
        describe: (act, facts) => {
          const node = acts.node[act];
          facts.protocol = this.network.serviceProtocol[program.service[node]];
          facts.payloadKiB = (program.requestBytes[node] + program.responseBytes[node]) / 1024;
          this.connections.describePass(act, facts);
        },
        encryptionCpuMsOf: (act) => this.connections.encryptionCpuMsOf(act),
      },
    };
    this.network = new ServiceNetwork(sim, { ...options, callbacks });
    this.connections = new CallConnections(this.network, options.profile, this.#pool, acts, program);
    this.#tracer = options.traces ? new CallTracer(options.traces, this.#pool, acts, this.network, () => sim.now) : undefined;
    this.#tree = new CallTree(this.#pool, acts, program, options.streams("routing"), options.observer, this.#tracer, {
      startCall: (act) => this.#startCall(act),
      respond: (act) => this.#respond(act),
    });
    this.#stepKind = sim.on("network-delivered", (act) => this.#nextStep(act));
    const flow: CallFlow = {
      send: (act, pod) => this.#send(act, pod),
      refuse: (act, reason) => this.#refuse(act, reason),
      iterationDone: (act) => this.#tree.iterationDone(act),
      fail: (act, reason) => this.#fail(act, reason),
      markFailed: (act, reason) => this.#markFailed(act, reason),
      clearFailure: (act) => this.#markFailed(act, FAILURE_NONE),
      takeOver: (act) => this.#takeOver(act),
    };
    const routed = createCallRouting(sim, options, this.network, this.#pool, acts, flow);
    this.#routing = routed.routing;
    this.traffic = routed.traffic;
    this.#locality = routed.locality;
  }

  /**
   * Puts the first `count` pods of `service` in its callers' balancing (an autoscaler's pods
   * becoming ready or leaving), with its rows of the zone tables when the cluster has zones.
   * O(pods x zones) with zones, O(1) without; called on changes, never per call.
   */
  setActiveReplicas(service: number, count: number): void {
    if (this.network.serviceActive[service] === count) return;
    this.network.serviceActive[service] = count;
    if (this.#locality) setActiveReplicas(this.#locality, service, count);
  }

  /** Activations in flight now. */
  get inFlight(): number {
    return this.#pool.live;
  }

  /** Largest number of activations in flight at once. */
  get peakInFlight(): number {
    return this.#pool.capacityUsed;
  }

  /**
   * Sends one request of `requestType` from the load generator. Latency is measured from
   * `intendedStartMs`, which may be earlier than now when the request waited for a connection.
   */
  startRequest(requestType: number, intendedStartMs: number, tag: number): void {
    const acts = this.#acts;
    if (this.#pool.live >= this.#maxInFlight) throw inFlightOverload(this.network.stations, this.#maxInFlight, this.#sim.now, this.network.cpus.nodes);
    const act = this.#pool.allocate();
    acts.start(act, this.#program.roots[requestType], -1, requestType, 1, this.network.nextEntryPod());
    acts.isRoot[act] = 1;
    acts.tag[act] = tag;
    acts.startTime[act] = intendedStartMs;
    if (this.#tracer !== undefined) this.#tracer.requestStarted(act, requestType, intendedStartMs);
    this.network.chargeLoadGenerator();
    this.#startCall(act);
  }

  /**
   * Kills `pods` as a container crash does: each call they hold fails with a reset when its answer
   * would have come, and their connections close (callers reconnect with full handshakes); their
   * time down is an outage window of the traffic plan. O(activations + pods x restarted pods), once per restart.
   */
  restartPods(pods: readonly number[]): void {
    const killed = new Set(pods);
    const acts = this.#acts;
    this.#pool.forEachLive((act) => {
      if (this.#program.kind[acts.node[act]] === NODE_CALL && killed.has(acts.calleePod[act]) && acts.failure[act] === FAILURE_NONE) {
        this.#markFailed(act, FAILURE_CONNECTION_RESET);
      }
    });
    this.connections.closePodConnections(pods);
  }

  /**
   * Takes `pod` out of its Service's endpoints (`listed` false) or puts it back, once the change
   * has reached the callers: they stop picking it, or pick it again as a new endpoint (their
   * balancers start it at the defaults). O(views) when it joins.
   */
  setEndpoint(pod: number, listed: boolean): void {
    const network = this.network;
    const service = network.podService[pod];
    const replica = network.servicePods[service].indexOf(pod);
    network.setReplicaOut(service, replica, !listed);
    if (listed && this.traffic !== undefined) this.traffic.forgetReplica(service, replica);
  }

  // --- internal ---

  /** Starts a call: its routing picks the server. */
  #startCall(act: number): void {
    this.#acts.host[act] = this.#program.host[this.#acts.node[act]];
    if (this.#tracer !== undefined) this.#tracer.callStarted(act);
    this.#routing.startCall(act);
  }

  #send(act: number, callee: number): void {
    const acts = this.#acts;
    const network = this.network;
    acts.calleePod[act] = callee;
    const pair = network.pairs.index(acts.callerPod[act], callee);
    acts.pair[act] = pair;
    acts.chain[act] = network.chains.requestOf(pair, acts.callerPod[act], callee);
    acts.leg[act] = 0;
    acts.phase[act] = 0;
    const zones = network.zones;
    if (zones !== undefined) {
      const from = zones.podZone[acts.callerPod[act]];
      const to = zones.podZone[callee];
      if (from >= 0 && to >= 0) zones.calls[from * zones.zoneCount + to]++;
    }
    if (this.#tracer !== undefined) this.#tracer.sent(act);
    if (this.#calls !== undefined) acts.sentTime[act] = this.#sim.now;
    this.connections.open(act);
    this.#nextStep(act);
  }

  /** A call fails without reaching a server (no route, an injected abort, the proxy's overflow). */
  #fail(act: number, reason: number): void {
    this.#markFailed(act, reason);
    this.#tree.iterationDone(act);
  }

  /** The call's own failure (FAILURE_NONE clears it), not one inherited from a child. */
  #markFailed(act: number, reason: number): void {
    this.#acts.failure[act] = reason;
    this.#acts.inherited[act] = 0;
  }

  /** A fresh activation carries the call of `act` on; `act` is detached, to finish unobserved. */
  #takeOver(act: number): number {
    const acts = this.#acts;
    const call = this.#pool.allocate();
    acts.copyCall(act, call);
    if (this.#tracer !== undefined) this.#tracer.tookOver(act, call);
    this.#markFailed(call, FAILURE_NONE);
    acts.parent[act] = -1;
    acts.isRoot[act] = 0;
    acts.repeatsLeft[act] = 1;
    return call;
  }

  /**
   * Advances along the current chain until a step has to wait: a station, or delays (links,
   * redirects), which add up into one event that lands where the next station or the chain's
   * end takes over, at exactly the time chained events would have reached.
   */
  #nextStep(act: number): void {
    const acts = this.#acts;
    const chains = this.network.chains;
    const chain = acts.chain[act];
    const length = chains.chainLength[chain];
    const first = chains.chainStart[chain];
    const steps = chains.steps;
    let arrival = this.#sim.now;
    let delayed = false;
    for (;;) {
      const leg = acts.leg[act];
      const step = leg === length ? 0 : steps[first + leg];
      if (delayed && step >= 0) {
        this.#sim.scheduleAt(arrival, this.#stepKind, act);
        return;
      }
      if (leg === length) {
        if (acts.phase[act] === 1) {
          if (this.#calls !== undefined) this.#callReturned(act);
          this.connections.close(act);
          this.#routing.tryFinished(act);
        } else if (this.connections.refused(act)) {
          this.#refuse(act, FAILURE_MTLS_PLAINTEXT_REFUSED);
        } else if (this.connections.denied(act)) {
          this.#refuse(act, FAILURE_DENIED_BY_POLICY);
        } else {
          this.#routing.atServer(act);
        }
        return;
      }
      acts.leg[act] = leg + 1;
      if (step >= 0) {
        if (this.#tracer !== undefined) this.#tracer.arrived(act, step, first + leg);
        this.network.stations[step].arrive(act);
        return;
      }
      const delay = this.#linkDelayMs(act, step);
      if (delay > 0) {
        arrival += delay;
        delayed = true;
      }
    }
  }

  /**
   * From a planned departure to come (#departsAtMs, read from a field: a double argument to a call
   * not inlined is boxed): adds up the delays after it, and what they reach (the next station, or
   * the chain's end) is an event at its time, even with no delay on the way. Nothing can overtake
   * a delay, so walking it before its time reaches what walking it at its time would. It never
   * enters a station, so a station's departsAt that calls it does not recurse into #nextStep.
   */
  #walkFromDeparture(act: number): void {
    const acts = this.#acts;
    const chains = this.network.chains;
    const chain = acts.chain[act];
    const first = chains.chainStart[chain];
    const end = first + chains.chainLength[chain];
    let at = first + acts.leg[act];
    let arrival = this.#departsAtMs;
    // Links and redirects are the negative steps.
    while (at < end && chains.steps[at] < 0) {
      const delay = this.#linkDelayMs(act, chains.steps[at++]);
      if (delay > 0) arrival += delay;
    }
    acts.leg[act] = at - first;
    this.#sim.scheduleAt(arrival, this.#stepKind, act);
  }

  /** The delay of the link (or connect hop) `step` (< 0) for the call, its bytes counted to its zones. */
  #linkDelayMs(act: number, step: number): number {
    const acts = this.#acts;
    const network = this.network;
    const node = acts.node[act];
    const bytes = acts.phase[act] === 0 ? this.#program.requestBytes[node] : this.#program.responseBytes[node];
    const encoded = -step - 1;
    const isConnectHop = encoded >= CONNECT_STEP_OFFSET;
    const linkIndex = isConnectHop ? encoded - CONNECT_STEP_OFFSET : encoded;
    const link = network.links[linkIndex];
    const zones = network.zones;
    // Zone-pair links are FIRST_ZONE_LINK.. countedLinks - 1; their bytes are the zones' traffic.
    if (zones !== undefined && linkIndex >= FIRST_ZONE_LINK && linkIndex < zones.countedLinks) zones.bytes[linkIndex - FIRST_ZONE_LINK] += bytes;
    // A connection's set-up delay depends only on the call's connection, fixed when it opened.
    return link.delayMs(bytes) + (isConnectHop ? this.connections.connectDelayMs(act, link.oneWayMs) : 0);
  }

  #callReturned(act: number): void {
    const acts = this.#acts;
    const podService = this.network.podService;
    const failed = acts.failure[act] !== FAILURE_NONE;
    this.#calls!.returned(podService[acts.callerPod[act]], podService[acts.calleePod[act]], acts.sentTime[act], this.#sim.now, failed);
  }

  #appServed(act: number): void {
    const acts = this.#acts;
    if (this.#program.childCount[acts.node[act]] > 0) {
      acts.cursor[act] = 0;
      this.#tree.advance(act);
    } else {
      this.#respond(act);
    }
  }

  /** The server side refuses the call: it fails and the refusal travels back, no app work. */
  #refuse(act: number, reason: number): void {
    this.#markFailed(act, reason);
    this.#sendBack(act);
  }

  #respond(act: number): void {
    const acts = this.#acts;
    const network = this.network;
    const callee = acts.calleePod[act];
    const service = network.podService[callee];
    if (network.serviceHoldsWorker[service] === 1) {
      network.stations[network.podStation[callee]].release();
    }
    this.#routing.answer(act, service);
    if (this.#tracer !== undefined) this.#tracer.responded(act);
    this.#sendBack(act);
  }

  /** The response (or refusal) starts back along the call's response chain. */
  #sendBack(act: number): void {
    const acts = this.#acts;
    const network = this.network;
    acts.chain[act] = network.chains.responseOf(acts.pair[act], acts.callerPod[act], acts.calleePod[act]);
    acts.leg[act] = 0;
    acts.phase[act] = 1;
    this.#nextStep(act);
  }


}
