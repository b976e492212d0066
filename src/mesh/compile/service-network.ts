/**
 * The compiled cluster: pods placed on nodes, a station per app replica, network links, and for
 * every (caller pod, callee pod) pair the chain of steps a request and its response take. The
 * data plane decides the chains; without a mesh a chain is just the network link.
 *
 *   request chain:  [client-side stations…, link, server-side stations…] -> callee's app station
 *   response chain: [server-side stations…, link, client-side stations…] -> back at the caller
 */

import { EXTERNAL_NODE } from "../../cluster/index.js";
import type { Simulation } from "../../engine/index.js";
import { Link, PlannedStation, type CpuDemand, type QueueStation } from "../../queueing/index.js";
import type { Rng } from "../../random/index.js";
import { createAppSampler, createAppStation, createKernelCryptoStation, createKernelHookStation, createProxyStation } from "./_network-stations.js";
import { ChainTable } from "./chain-table.js";
import { PodPairs } from "./pod-pairs.js";
import { buildConnectionTable, type ConnectionTable } from "./connection-table.js";
import { createDataPlane } from "./data-plane/create-data-plane.js";
import type { NetworkBuilder } from "./data-plane/network-builder.js";
import type { MeshOptions, MeshProfile, NodeEncryptionCost, ProxyCost } from "../model/index.js";
import { calleeServices, resourcesOf } from "../preflight/index.js";
import { NodeCpus, USER_APP, USER_KERNEL, USER_LOAD_GENERATOR, USER_MESH, type CpuPlace } from "./node-cpus.js";
import type { NetworkCallbacks } from "./network-callbacks.js";
import { createProxyPassTimes, PROTOCOLS, type ProxyPassTimes } from "./proxy-cost-model.js";
import type { Topology } from "../model/index.js";
import { ZoneLinks } from "./zone-links.js";
import { ClusterGateways } from "./cluster-gateways.js";

/**
 * Pod id of the load generator. Behind an ingress gateway of several replicas, pods 0 to
 * entryPods - 1 each stand for the load generator's traffic entering through one replica.
 */
export const CLIENT_POD = 0;

/** Creates the random stream for one purpose, e.g. ("service", "web"). */
export type StreamFactory = (...purpose: string[]) => Rng;

/** Everything the network is compiled from. */
export interface NetworkOptions {
  topology: Topology;
  profile: MeshProfile;
  mesh: MeshOptions;
  clientNode: number;
  clientMeshed: boolean;
  /** Whether the load generator keeps its connections open between requests. */
  clientKeepAlive: boolean;
  /** CPU the load generator spends per request it sends, ms (on its node, when nodes have cores). */
  clientCpuMsPerRequest?: number;
  streams: StreamFactory;
  callbacks: NetworkCallbacks;
}

/** Load generator work nobody waits for. */
const NO_CLIENT = { cpuDone: () => {} };

/** Bandwidth of a pure delay step: payload size adds nothing. */
const NO_SERIALISATION = Infinity;

/**
 * Added to a link's encoded index for the hop where a call's connection is made (the link a
 * new connection's handshakes cross): step = -(link + 1 + CONNECT_STEP_OFFSET).
 */
export const CONNECT_STEP_OFFSET = 1 << 24;

/** Per-pod arrays and the chain tables the request flow reads in its hot loop. */
export class ServiceNetwork implements NetworkBuilder {
  readonly podCount: number;
  /** Pods standing for the load generator (one per ingress gateway replica behind a gateway, else 1). */
  readonly entryPods: number;
  readonly podNode: Int32Array;
  /** Service index of each pod; -1 for the load generator. */
  readonly podService: Int32Array;
  /** App station of each pod; -1 for the load generator. */
  readonly podStation: Int32Array;
  /** Pods of each service, in replica order. */
  readonly servicePods: Int32Array[];
  /**
   * Pods of each service that callers balance over: the first `serviceActive[s]` of servicePods[s]
   * (all of them unless an autoscaler has pods it has not started, or has removed; see runner/replication/autoscaler.ts).
   */
  readonly serviceActive: Int32Array;
  /** Pods of each service that can run at once (fewer than its pods when an autoscaled service's last ones would find no room). */
  readonly serviceRunnable: Int32Array;
  /**
   * Per pod, whether it exists when the run starts (1): not an autoscaled service's pod past its
   * initial replicas or past those that can run, nor a pod the timeline creates later. The others'
   * containers are added stopped, so their idle CPU (a sidecar's) counts only once they start.
   */
  readonly #podAtStart: Uint8Array;
  /**
   * 1 for a replica (index within servicePods[s]) out of its Service's endpoints: killed, not ready
   * yet, or terminating, once the endpoint change has reached the callers. Callers skip it.
   */
  readonly replicaOut: Uint8Array[];
  /** Replicas of each service out of its endpoints now (0: the pickers' usual path). */
  readonly serviceOut: Int32Array;
  /** The same by pod, for pickers that hold pods rather than replica indices (kube-proxy's). */
  readonly podOut: Uint8Array;
  /** Pods out of endpoints in all, in a one-element array so that holders see it change. */
  readonly outTotal = new Int32Array(1);
  readonly serviceHoldsWorker: Uint8Array;
  /** Protocol index (PROTOCOLS) of each service's calls. */
  readonly serviceProtocol: Uint8Array;
  readonly podMeshed: Uint8Array;
  /** 1 when the pod's service has a policy marked `l7: true`. */
  readonly podL7Policy: Uint8Array;
  /** What encrypting a pass between two nodes costs at each end; undefined when the run does not. */
  readonly nodeEncryption: NodeEncryptionCost | undefined;
  /** 1 when the pod's app keeps its outgoing connections open between calls. */
  readonly podKeepAlive: Uint8Array;
  /** How long the pod's app, as a server, keeps an idle connection open, ms (Infinity: no limit). */
  readonly podKeepAliveIdleMs: Float64Array;
  readonly nodeCount: number;
  /** Pools, pooling and mTLS state of every pod pair. */
  readonly connections: ConnectionTable;
  readonly stations: QueueStation[] = [];
  /** Hop group of each station (e.g. "app/web"), for the per-hop breakdown. */
  readonly stationGroup: string[] = [];
  /** The nodes' shared CPUs (none without declared machines). */
  readonly cpus: NodeCpus;
  /** Per station: its node's CPU and container, when nodes have cores; and who it works for (USER_*). */
  readonly stationCpu: Array<CpuPlace | undefined> = [];
  readonly stationUser: number[] = [];
  /** Per station: the proxy cost its passes follow (undefined for apps and kernel hooks). */
  readonly stationPassCost: Array<ProxyCost | undefined> = [];
  /** Per station: the node it runs on (EXTERNAL_NODE outside the cluster). */
  readonly stationNode: number[] = [];
  /** Per pod: the station of its own proxy (a sidecar, a gateway replica), -1 for none. */
  readonly podProxy: Int32Array;
  /** 1 for a node lost (nodeDown, zoneDown, clusterDown, a cluster's failAtS): it runs nothing from then on (pod-containers.ts). */
  readonly nodeLost: Uint8Array;
  /** The node of each waypoint replica. */
  readonly waypointNodes: readonly number[];
  readonly links: Link[];
  /** Zone-pair links and their counters; undefined when the cluster has no zones. */
  readonly zones: ZoneLinks | undefined;
  /** Each pod pair's request and response chain, built when first asked for, and every chain's steps (see ChainTable). */
  readonly chains: ChainTable;
  /** The (caller pod, callee pod) pairs a call can take, numbered: what the per-pair tables hold. */
  readonly pairs: PodPairs;

  readonly #sim: Simulation;
  readonly #streams: StreamFactory;
  /** Each proxy station's pass times, by station index, seeded when a chain through it is first built. */
  readonly #proxyTimes: Array<ProxyPassTimes | undefined> = [];
  readonly #callbacks: NetworkCallbacks;
  readonly #services: Topology["services"];
  readonly #gateway: ProxyCost | undefined;
  readonly #loadGenerator: CpuPlace | undefined;
  #nextEntry = 0;
  /** Each cluster's multi-cluster gateways and the paths between clusters through them. */
  readonly #clusterGateways: ClusterGateways;
  /** The load generator's own CPU for each request it sends (demandMs 0: none). */
  readonly #loadGeneratorDemand: CpuDemand;

  constructor(sim: Simulation, options: NetworkOptions) {
    const { topology, clientNode, streams, callbacks } = options;
    const { services, cluster } = topology;
    this.#sim = sim;
    this.#streams = streams;
    this.#callbacks = callbacks;
    this.#services = services;
    this.nodeCount = cluster.nodes;
    this.cpus = new NodeCpus(sim, cluster.nodes, cluster.machine?.vcpu);
    const placement = options.mesh.placement;
    this.waypointNodes = placement.waypoints;
    // Behind the mesh's ingress gateway the load generator's traffic enters the mesh at a
    // gateway replica, so its calls leave from that replica's node.
    this.#gateway = options.mesh.ingressGateway ? options.profile.dataPlane?.gateway : undefined;
    this.entryPods = this.#gateway ? Math.max(1, placement.gateways.length) : 1;
    const podCount = this.entryPods + services.reduce((sum, service) => sum + service.replicas, 0);
    this.podCount = podCount;
    this.podNode = new Int32Array(podCount);
    this.podService = new Int32Array(podCount).fill(-1);
    this.podStation = new Int32Array(podCount).fill(-1);
    this.serviceHoldsWorker = Uint8Array.from(services.map((service) => (service.holdWorker ? 1 : 0)));
    this.serviceProtocol = Uint8Array.from(services.map((service) => PROTOCOLS.indexOf(service.protocol)));
    this.podMeshed = new Uint8Array(podCount);
    this.podProxy = new Int32Array(podCount).fill(-1);
    this.nodeLost = new Uint8Array(cluster.nodes);
    this.podL7Policy = new Uint8Array(podCount);
    this.nodeEncryption = options.mesh.encryptionCost;
    this.#loadGenerator = this.cpus.container(clientNode, "load-generator", USER_LOAD_GENERATOR);
    this.#loadGeneratorDemand = { demandMs: options.clientCpuMsPerRequest ?? 0, carryMs: 0 };
    this.podKeepAlive = new Uint8Array(podCount);
    this.podKeepAliveIdleMs = new Float64Array(podCount).fill(Infinity);
    this.#podAtStart = new Uint8Array(podCount);
    for (let entry = 0; entry < this.entryPods; entry++) {
      this.#podAtStart[entry] = 1;
      this.podNode[entry] = this.#gateway && placement.gateways.length > 0 ? placement.gateways[entry] : clientNode;
      this.podMeshed[entry] = options.clientMeshed || this.#gateway !== undefined ? 1 : 0;
      this.podKeepAlive[entry] = options.clientKeepAlive ? 1 : 0;
    }

    let pod = this.entryPods;
    this.serviceActive = Int32Array.from(services, (service) => service.autoscaling?.initialReplicas ?? service.replicas);
    this.serviceRunnable = Int32Array.from(services, (service, index) => placement.runnable?.[index] ?? service.replicas);
    this.replicaOut = services.map((service) => new Uint8Array(service.replicas));
    this.serviceOut = new Int32Array(services.length);
    this.podOut = new Uint8Array(podCount);
    this.servicePods = services.map((service, serviceIndex) => {
      const sample = createAppSampler(service, streams("service", service.name), callbacks.appStarted);
      const pods = new Int32Array(service.replicas);
      const atStart = Math.min(this.serviceActive[serviceIndex], this.serviceRunnable[serviceIndex]);
      for (let replica = 0; replica < service.replicas; replica++) {
        this.#podAtStart[pod] = replica < atStart ? 1 : 0;
        const slowdown = service.failures?.slowReplicas.find((slow) => slow.replica === replica)?.factor ?? 1;
        const node = service.external ? EXTERNAL_NODE : placement.services[serviceIndex][replica];
        const name = `${service.name}[${replica}]`;
        const cpu = this.cpus.container(node, name, USER_APP, service.resources?.cpuLimit, 0, service.concurrency);
        const station = createAppStation(sim, name, service, sample, slowdown, cpu, callbacks);
        this.podNode[pod] = node;
        this.podService[pod] = serviceIndex;
        this.podMeshed[pod] = service.meshed && !service.external ? 1 : 0;
        this.podL7Policy[pod] = topology.l7Policies?.includes(service.name) ? 1 : 0;
        this.podKeepAlive[pod] = service.keepAlive ? 1 : 0;
        this.podKeepAliveIdleMs[pod] = service.keepAliveIdleMs ?? Infinity;
        this.podStation[pod] = this.addStation(station, `${service.external ? "external" : "app"}/${service.name}`, USER_APP, cpu, node);
        pods[replica] = pod++;
      }
      return pods;
    });

    const { bandwidthGbps } = cluster;
    // Links 0-2 are the node-to-node paths linkBetween() names, then the zone pairs' (zone-links.ts);
    // delays are appended after them.
    this.links = [
      new Link(cluster.sameNodeRttMs / 2, bandwidthGbps),
      new Link(cluster.crossNodeRttMs / 2, bandwidthGbps),
      new Link(cluster.externalRttMs / 2, bandwidthGbps),
    ];
    this.zones = cluster.zones ? new ZoneLinks(cluster.zones, this.podNode) : undefined;
    if (this.zones && cluster.zones) this.links.push(...this.zones.links(cluster, cluster.zones));
    this.#clusterGateways = new ClusterGateways(this, options.mesh, cluster.zones);
    const dataPlane = createDataPlane(this, options.profile, options.mesh);
    // The agent that programs an eBPF data plane (cilium-agent) idles on every node.
    const kernel = options.profile.architecture === "ebpf" ? options.profile.dataPlane?.kernel : undefined;
    if (kernel?.idleVcpu) {
      const limit = resourcesOf(kernel.agentResources)?.cpuLimit;
      for (let node = 0; node < this.nodeCount; node++) this.cpus.container(node, "agent", USER_MESH, limit, kernel.idleVcpu);
    }
    this.pairs = new PodPairs(this, calleeServices(topology));
    this.chains = new ChainTable(
      this.pairs,
      (caller, callee) => this.#seedProxies(dataPlane.requestSteps(caller, callee)),
      (caller, callee) => this.#seedProxies(dataPlane.responseSteps(caller, callee)),
    );
    const mtlsByService = options.mesh.mtlsByService;
    this.connections = buildConnectionTable(
      {
        pairs: this.pairs,
        isMeshed: (pod) => this.isMeshed(pod),
        mtlsModeOf: (pod) => (this.podService[pod] < 0 ? "off" : mtlsByService[this.podService[pod]]),
        allowFromOf: (pod) => (this.podService[pod] < 0 ? undefined : topology.allowFrom?.[services[this.podService[pod]].name]),
        labelOf: (pod) => this.labelOf(pod),
      },
      dataPlane,
      options.profile.security,
    );
  }

  /**
   * The pod the next request enters from: the load generator, or behind a gateway of several
   * replicas each replica in turn (the load balancer in front of them spreads requests evenly).
   */
  nextEntryPod(): number {
    if (this.entryPods === 1) return CLIENT_POD;
    const entry = this.#nextEntry;
    this.#nextEntry = entry + 1 === this.entryPods ? 0 : entry + 1;
    return entry;
  }

  /**
   * Takes replica `replica` of service `service` out of the callers' endpoints (`out` true) or
   * puts it back, as an EndpointSlice change reaching the proxies and kube-proxy does.
   */
  setReplicaOut(service: number, replica: number, out: boolean): void {
    const flags = this.replicaOut[service];
    if ((flags[replica] === 1) === out) return;
    flags[replica] = out ? 1 : 0;
    this.podOut[this.servicePods[service][replica]] = out ? 1 : 0;
    this.serviceOut[service] += out ? 1 : -1;
    this.outTotal[0] += out ? 1 : -1;
  }

  /** The load generator sends a request: its own CPU for it, on its node. */
  chargeLoadGenerator(): void {
    const place = this.#loadGenerator;
    if (place !== undefined && this.#loadGeneratorDemand.demandMs > 0) place.node.run(place.container, this.#loadGeneratorDemand, NO_CLIENT, 0, 0);
  }

  /**
   * When the stations are done with all the work given them: now, or later while a planned
   * station's workers still finish passes whose departures have run (their ends are no events).
   */
  get idleFrom(): number {
    let idle = this.#sim.now;
    for (const station of this.stations) if (station instanceof PlannedStation) idle = Math.max(idle, station.idleFrom);
    return idle;
  }

  /** Current simulated time, ms (for state that expires, such as idle connections). */
  get now(): number {
    return this.#sim.now;
  }

  nodeOf(pod: number): number {
    return this.podNode[pod];
  }

  isMeshed(pod: number): boolean {
    return this.podMeshed[pod] === 1;
  }

  hasL7Policy(pod: number): boolean {
    return this.podL7Policy[pod] === 1;
  }

  gatewayFor(pod: number): ProxyCost | undefined {
    return pod < this.entryPods ? this.#gateway : undefined;
  }

  protocolOf(pod: number): number {
    const service = this.podService[pod];
    return service < 0 ? 0 : this.serviceProtocol[service];
  }

  labelOf(pod: number): string {
    const service = this.podService[pod];
    return service < 0 ? "load-generator" : this.#services[service].name;
  }

  linkStep(fromNode: number, toNode: number): number {
    return -(this.linkBetween(fromNode, toNode) + 1);
  }

  connectStep(fromNode: number, toNode: number): number {
    return -(this.linkBetween(fromNode, toNode) + 1 + CONNECT_STEP_OFFSET);
  }

  isMultiplexed(pod: number): boolean {
    const protocol = PROTOCOLS[this.protocolOf(pod)];
    return protocol === "http2" || protocol === "grpc";
  }

  delayStep(ms: number): number {
    this.links.push(new Link(ms, NO_SERIALISATION));
    return -this.links.length;
  }

  addProxy(name: string, group: string, cost: ProxyCost, terminatesTls: boolean, node: number, pod?: number): number {
    const times = createProxyPassTimes(cost, () => this.#streams("proxy", name), this.#callbacks.pass, terminatesTls);
    const running = pod === undefined || this.#podAtStart[pod] === 1;
    const cpu = this.cpus.container(node, name, USER_MESH, resourcesOf(cost.resources)?.cpuLimit, cost.idleVcpu ?? 0, cost.workers, running);
    const station = createProxyStation(this.#sim, name, cost, times, cpu, this.#callbacks);
    const index = this.addStation(station, group, USER_MESH, cpu, node, cost);
    this.#proxyTimes[index] = times;
    if (pod !== undefined) this.podProxy[pod] = index;
    return index;
  }

  addKernelHook(name: string, group: string, ms: number, node: number): number {
    const cpu = this.cpus.kernel(node);
    const station = createKernelHookStation(this.#sim, name, ms, cpu, this.#callbacks);
    return this.addStation(station, group, USER_KERNEL, cpu, node);
  }

  addKernelCrypto(name: string, group: string, latencyMsPerPass: number, node: number): number {
    const cpu = this.cpus.kernel(node);
    const station = createKernelCryptoStation(this.#sim, name, latencyMsPerPass, cpu, this.#callbacks);
    return this.addStation(station, group, USER_KERNEL, cpu, node);
  }

  /**
   * Registers a station (working for `user`, on `node` and on its `cpu` when nodes have cores; a
   * proxy's passes following `passCost`) and returns its index.
   */
  addStation(station: QueueStation, group: string, user: number, cpu: CpuPlace | undefined, node: number, passCost?: ProxyCost): number {
    this.stations.push(station);
    this.stationGroup.push(group);
    this.stationUser.push(user);
    this.stationCpu.push(cpu);
    this.stationPassCost.push(passCost);
    this.stationNode.push(node);
    return this.stations.length - 1;
  }

  /** The steps between two nodes for a call whose server is on `serverNode` (ClusterGateways.pathSteps). */
  pathSteps(fromNode: number, toNode: number, serverNode: number, connect: boolean): number[] {
    return this.#clusterGateways.pathSteps(fromNode, toNode, serverNode, connect);
  }

  /** Index into `links` of the path between two nodes (EXTERNAL_NODE for outside). */
  linkBetween(fromNode: number, toNode: number): number {
    if (fromNode === EXTERNAL_NODE || toNode === EXTERNAL_NODE) return 2;
    if (fromNode === toNode) return 0;
    return this.zones ? this.zones.linkBetween(fromNode, toNode) : 1;
  }

  // --- internal ---

  /** Seeds the streams of the proxies on `steps`, a chain built for its first call: before any pass, and never for a proxy no call reaches. */
  #seedProxies(steps: number[]): number[] {
    for (const step of steps) if (step >= 0) this.#proxyTimes[step]?.seed();
    return steps;
  }
}
