/**
 * The compiled cluster: pods placed on nodes, a station per app replica, network links, and for
 * every (caller pod, callee pod) pair the chain of steps a request and its response take. The
 * data plane decides the chains; without a mesh a chain is just the network link.
 *
 *   request chain:  [client-side stations…, link, server-side stations…] -> callee's app station
 *   response chain: [server-side stations…, link, client-side stations…] -> back at the caller
 */

import type { Simulation } from "../engine/index.js";
import { Link, Station } from "../queueing/index.js";
import { createSampler, type Rng } from "../random/index.js";
import type { Topology } from "./topology.js";

/** Location of an external service: outside every node. */
export const EXTERNAL_NODE = -1;
/** Pod id of the load generator. */
export const CLIENT_POD = 0;

/** Creates the random stream for one purpose, e.g. ("service", "web"). */
export type StreamFactory = (...purpose: string[]) => Rng;

export interface NetworkCallbacks {
  /** An app replica finished its own work for this activation. */
  appServed: (activation: number) => void;
  /** A data-plane station finished its step for this activation. */
  stepServed: (activation: number) => void;
}

/** Per-pod arrays and the chain tables the request flow reads in its hot loop. */
export class ServiceNetwork {
  readonly podCount: number;
  readonly podNode: Int32Array;
  /** Service index of each pod; -1 for the load generator. */
  readonly podService: Int32Array;
  /** App station of each pod; -1 for the load generator. */
  readonly podStation: Int32Array;
  /** Pods of each service, in replica order. */
  readonly servicePods: Int32Array[];
  readonly serviceHoldsWorker: Uint8Array;
  readonly stations: Station[] = [];
  /** Hop group of each station (e.g. "app/web"), for the per-hop breakdown. */
  readonly stationGroup: string[] = [];
  readonly links: Link[];
  /** Chain id of (caller pod * podCount + callee pod), for requests and responses. */
  readonly requestChain: Int32Array;
  readonly responseChain: Int32Array;
  /** Steps of all chains: a station index (>= 0) or a link as -(link index + 1). */
  steps: Int32Array = new Int32Array(0);
  chainStart: Int32Array = new Int32Array(0);
  chainLength: Int32Array = new Int32Array(0);

  readonly #chainIds = new Map<string, number>();
  readonly #chainSteps: number[][] = [];

  constructor(sim: Simulation, topology: Topology, clientNode: number, streams: StreamFactory, callbacks: NetworkCallbacks) {
    const { services, cluster } = topology;
    const podCount = 1 + services.reduce((sum, service) => sum + service.replicas, 0);
    this.podCount = podCount;
    this.podNode = new Int32Array(podCount);
    this.podService = new Int32Array(podCount).fill(-1);
    this.podStation = new Int32Array(podCount).fill(-1);
    this.serviceHoldsWorker = Uint8Array.from(services.map((service) => (service.holdWorker ? 1 : 0)));
    this.podNode[CLIENT_POD] = clientNode;

    let pod = 1;
    this.servicePods = services.map((service, serviceIndex) => {
      const sample = createSampler(service.serviceTime, streams("service", service.name));
      const pods = new Int32Array(service.replicas);
      for (let replica = 0; replica < service.replicas; replica++) {
        const station = new Station(sim, {
          name: `${service.name}[${replica}]`,
          workers: service.concurrency,
          serviceTime: sample,
          onServed: callbacks.appServed,
          holdsWorker: service.holdWorker,
        });
        this.podNode[pod] = service.external ? EXTERNAL_NODE : service.placement[replica];
        this.podService[pod] = serviceIndex;
        this.podStation[pod] = this.addStation(station, `${service.external ? "external" : "app"}/${service.name}`);
        pods[replica] = pod++;
      }
      return pods;
    });

    const { bandwidthGbps } = cluster;
    this.links = [
      new Link(cluster.sameNodeRttMs / 2, bandwidthGbps),
      new Link(cluster.crossNodeRttMs / 2, bandwidthGbps),
      new Link(cluster.externalRttMs / 2, bandwidthGbps),
    ];
    this.requestChain = new Int32Array(podCount * podCount);
    this.responseChain = new Int32Array(podCount * podCount);
    for (let caller = 0; caller < podCount; caller++) {
      for (let callee = 1; callee < podCount; callee++) {
        const link = -(this.linkBetween(this.podNode[caller], this.podNode[callee]) + 1);
        this.requestChain[caller * podCount + callee] = this.#internChain([link]);
        this.responseChain[caller * podCount + callee] = this.#internChain([link]);
      }
    }
    this.#packChains();
  }

  /** Registers a station and returns its index. */
  addStation(station: Station, group: string): number {
    this.stations.push(station);
    this.stationGroup.push(group);
    return this.stations.length - 1;
  }

  /** Index into `links` of the path between two nodes (EXTERNAL_NODE for outside). */
  linkBetween(fromNode: number, toNode: number): number {
    if (fromNode === EXTERNAL_NODE || toNode === EXTERNAL_NODE) return 2;
    return fromNode === toNode ? 0 : 1;
  }

  // --- internal ---

  /** Identical chains share one id, so the tables stay small however many pods there are. */
  #internChain(steps: number[]): number {
    const key = steps.join(",");
    let id = this.#chainIds.get(key);
    if (id === undefined) {
      id = this.#chainSteps.length;
      this.#chainSteps.push(steps);
      this.#chainIds.set(key, id);
    }
    return id;
  }

  #packChains(): void {
    const chains = this.#chainSteps;
    this.chainStart = new Int32Array(chains.length);
    this.chainLength = new Int32Array(chains.length);
    this.steps = new Int32Array(chains.reduce((sum, chain) => sum + chain.length, 0));
    let next = 0;
    chains.forEach((chain, id) => {
      this.chainStart[id] = next;
      this.chainLength[id] = chain.length;
      this.steps.set(chain, next);
      next += chain.length;
    });
  }
}
