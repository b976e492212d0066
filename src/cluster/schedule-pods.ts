/**
 * Pod placement by requests, as kube-scheduler's default profile places pods, to a first order:
 * filter the nodes a pod fits on, score them, take the best. Used when the scenario declares
 * machines; without them placement stays round-robin (place-pods.ts).
 *
 * What is modelled, from the Kubernetes docs and the plugins' code:
 * - Scheduling framework, default plugins and weights (kubernetes.io/docs/reference/scheduling/config/
 *   #scheduling-plugins): filter NodeResourcesFit; score NodeResourcesFit (weight 1),
 *   NodeResourcesBalancedAllocation (weight 1) and PodTopologySpread (weight 2). The other default
 *   scorers (TaintToleration, NodeAffinity, InterPodAffinity, ImageLocality, VolumeBinding) give every
 *   node the same score here: no taints, affinities, images or volumes are modelled.
 * - NodeResourcesFit filter: a pod fits where allocatable minus what is already requested covers its
 *   CPU and memory requests.
 * - NodeResourcesFit scoring strategy LeastAllocated, CPU and memory weight 1 each, the default
 *   (kubernetes.io/docs/concepts/scheduling-eviction/resource-bin-packing/): per resource
 *   (allocatable - requested) x 100 / allocatable, averaged; requested counts a pod without a request as
 *   0.1 vCPU and 200 MiB (the scheduler's non-zero defaults), and includes the pod being placed.
 *   github.com/kubernetes/kubernetes/blob/05c351a9037bd79bf88c56171a951c3097b658da/pkg/scheduler/framework/plugins/noderesources/least_allocated.go
 * - NodeResourcesBalancedAllocation: (1 - |cpu fraction - memory fraction| / 2) x 100, fractions of
 *   allocatable requested with the pod, each capped at 1; skipped for a pod that requests nothing.
 *   github.com/kubernetes/kubernetes/blob/02d7708af661e2fb5a089a04c3944a54d2afcc0e/pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go
 * - PodTopologySpread's system default constraints (kubernetes.io/docs/concepts/scheduling-eviction/
 *   topology-spread-constraints/#internal-default-constraints): hostname, maxSkew 3, ScheduleAnyway
 *   and zone, maxSkew 5, ScheduleAnyway (the zone constraint counts only when the cluster has zones). Pods of
 *   one group count, per constraint, count in the node's domain x ln(domains among feasible nodes + 2) + maxSkew - 1;
 *   the raw score is the rounded sum, then normalised to 100 x (max + min - raw) / max.
 *   github.com/kubernetes/kubernetes/blob/02fb06dfc56a53699335ab60973b991fbc436a05/pkg/scheduler/framework/plugins/podtopologyspread/scoring.go
 *   github.com/kubernetes/kubernetes/blob/025f2834a128798cef30018a5e6a6ae82b5ad885/pkg/scheduler/framework/plugins/podtopologyspread/plugin.go
 *
 * Departures, all deterministic: ties go to the tied node with the fewest pods, then the lowest index
 * (kube-scheduler picks one of the tied nodes at random, which spreads them the same way on average); a pod is one container for the non-zero defaults; DaemonSet pods are placed on
 * every node before any other pod.
 */

import { fitsRoom } from "./node-room.js";
import { UnschedulableError, type PodResource } from "./unschedulable-error.js";

/** A pod to place: requests in vCPU and MB (MiB), every container included (sidecar too). */
export interface PodToSchedule {
  /** Pods of one group (one Deployment's replicas) are spread over the nodes. */
  group: string;
  /** The pod's name in messages, e.g. `productpage-2`. */
  name: string;
  cpuRequest: number;
  memoryRequestMb: number;
  /**
   * The nodes the pod may run on (a scenario's `services[].nodes`, like a required node affinity);
   * give one node to pin the pod. Default: every node.
   */
  nodes?: readonly number[];
  /** What the requests include, for the error message: `with its sidecar`. */
  requestsNote?: string;
  /**
   * A pod an autoscaler may add later (placed now, in the order it would be created, so the run
   * knows its node in advance): it never throws for lack of room but is marked `pending` in the
   * schedule, and is left out of `requested`, which describes the pods that run from the start.
   */
  later?: boolean;
  /** Any number the caller knows the pod by (mesh/ gives the service's index), carried into UnschedulableError. */
  owner?: number;
}

/** A per-node agent (a DaemonSet pod: ztunnel, cilium-agent, a node proxy): one on every node. */
export interface DaemonPod {
  name: string;
  cpuRequest: number;
  memoryRequestMb: number;
}

export interface SchedulingRequest {
  nodeCount: number;
  /** What pods may request on each node (every node is the same machine), vCPU and MB. */
  allocatable: { vcpu: number; memoryMb: number };
  /** Placed first, one of each on every node. */
  daemons?: readonly DaemonPod[];
  /** Placed in this order, each seeing the pods placed before it. */
  pods: readonly PodToSchedule[];
  /** The zone (index) of each node, when the cluster has zones: the zone spread constraint applies. */
  nodeZone?: readonly number[];
}

export interface Schedule {
  /** The node of each pod, in the order of `pods`. */
  podNodes: number[];
  /** What is requested on each node once every pod but the `later` ones is placed, daemons included: vCPU and MB. */
  requested: Array<{ vcpu: number; memoryMb: number }>;
  /**
   * Per pod, true for a `later` pod that fit on no node after the pods before it: it would stay
   * pending. Its node is then the candidate with the most CPU left (memory, then index, breaking ties),
   * where it runs if room frees. Absent when no pod is `later`.
   */
  pending?: boolean[];
}

/**
 * Places every pod on a node as kube-scheduler's default profile would (see the file's header):
 * filter by requests, score LeastAllocated + BalancedAllocation + 2 x PodTopologySpread, highest
 * score wins, ties to the tied node with the fewest pods. Pure and deterministic; O(pods x nodes).
 * @throws UnschedulableError for a pod (or daemon) that fits on no node, naming it and the room left
 * @throws RangeError for a malformed request (no nodes, a negative request, a node index out of range)
 * @example schedulePods({ nodeCount: 2, allocatable: { vcpu: 1.93, memoryMb: 5839 }, pods: [a0, a1] }).podNodes // [0, 1]
 */
export function schedulePods(request: SchedulingRequest): Schedule {
  checkRequest(request);
  const nodes = Array.from({ length: request.nodeCount }, (): NodeState => ({
    pods: 0,
    requestedMilli: 0,
    requestedKib: 0,
    nonZeroMilli: 0,
    nonZeroKib: 0,
    podsByGroup: new Map(),
  }));
  const allocatableMilli = toMilli(request.allocatable.vcpu);
  const allocatableKib = toKib(request.allocatable.memoryMb);
  const capacity = { milli: allocatableMilli, kib: allocatableKib };

  for (const daemon of request.daemons ?? []) {
    const demand = demandOf(daemon);
    // Every node is the same machine and every daemon goes on every node, so node 0 speaks for all.
    if (!fits(nodes[0], demand, capacity)) {
      throw new UnschedulableError(
        daemon.name,
        `daemon pod ${daemon.name} (requests ${describeRoom(demand.milli, demand.kib)}) fits on no node: each node has ${describeRoom(allocatableMilli - nodes[0].requestedMilli, allocatableKib - nodes[0].requestedKib)} left`,
        { daemon: true, tooLarge: tooLarge(demand, allocatableMilli - nodes[0].requestedMilli, allocatableKib - nodes[0].requestedKib) },
      );
    }
    for (const node of nodes) add(node, demand, undefined);
  }

  // What a node with only the daemons on it holds: a pod asking more is too large for the machine.
  const emptyMilli = allocatableMilli - nodes[0].requestedMilli;
  const emptyKib = allocatableKib - nodes[0].requestedKib;
  const everyNode = nodes.map((_, index) => index);
  const hasLater = request.pods.some((pod) => pod.later);
  // What the pods running from the start request: `later` pods are placed ahead of their time.
  const laterMilli = new Array<number>(nodes.length).fill(0);
  const laterKib = new Array<number>(nodes.length).fill(0);
  const pending: boolean[] = [];
  const podNodes = request.pods.map((pod) => {
    const demand = demandOf(pod);
    const candidates = pod.nodes ? [...new Set(pod.nodes)].sort((a, b) => a - b) : everyNode;
    const feasible = candidates.filter((index) => fits(nodes[index], demand, capacity));
    if (feasible.length === 0) {
      if (!pod.later) throw unschedulable(pod, demand, candidates, nodes, capacity, tooLarge(demand, emptyMilli, emptyKib));
      pending.push(true);
      return mostRoom(candidates, nodes, capacity);
    }
    const chosen = feasible.length === 1 ? feasible[0] : bestNode(pod.group, demand, feasible, nodes, capacity, request.nodeZone);
    add(nodes[chosen], demand, pod.group);
    pending.push(false);
    if (pod.later) {
      laterMilli[chosen] += demand.milli;
      laterKib[chosen] += demand.kib;
    }
    return chosen;
  });
  return {
    podNodes,
    requested: nodes.map((node, index) => ({ vcpu: (node.requestedMilli - laterMilli[index]) / 1000, memoryMb: (node.requestedKib - laterKib[index]) / KIB_PER_MB })),
    ...(hasLater ? { pending } : {}),
  };
}

// --- internal ---

/** kube-scheduler's MaxNodeScore: every plugin scores 0..100. */
const MAX_NODE_SCORE = 100;
const LEAST_ALLOCATED_WEIGHT = 1;
const BALANCED_ALLOCATION_WEIGHT = 1;
const TOPOLOGY_SPREAD_WEIGHT = 2;
/** The hostname system default constraint's maxSkew. */
const HOSTNAME_MAX_SKEW = 3;
/** The zone (topology.kubernetes.io/zone) system default constraint's maxSkew. */
const ZONE_MAX_SKEW = 5;
/** What scoring counts for a pod without a CPU request, millicores (schedutil DefaultMilliCPURequest). */
const DEFAULT_MILLI_CPU_REQUEST = 100;
/** What scoring counts for a pod without a memory request, KiB (schedutil DefaultMemoryRequest, 200 MiB). */
const DEFAULT_MEMORY_REQUEST_KIB = 200 * 1024;
const KIB_PER_MB = 1024;

// The scheduler works in integers (millicores, bytes) with integer division; so does this file
// (millicores, KiB), so sums of requests do not drift with floating point.
interface Demand {
  milli: number;
  kib: number;
  /** What scoring counts: a zero request replaced by the non-zero default. */
  nonZeroMilli: number;
  nonZeroKib: number;
}

interface NodeState {
  /** Pods placed on the node (daemons included). */
  pods: number;
  requestedMilli: number;
  requestedKib: number;
  nonZeroMilli: number;
  nonZeroKib: number;
  podsByGroup: Map<string, number>;
}

function checkRequest(request: SchedulingRequest): void {
  if (!Number.isInteger(request.nodeCount) || request.nodeCount < 1) throw new RangeError(`nodeCount must be a positive integer, got ${request.nodeCount}`);
  if (!(request.allocatable.vcpu >= 0) || !(request.allocatable.memoryMb >= 0)) {
    throw new RangeError(`allocatable must be at least 0 vCPU and 0 MB, got ${request.allocatable.vcpu} vCPU, ${request.allocatable.memoryMb} MB`);
  }
  for (const pod of [...(request.daemons ?? []), ...request.pods]) {
    if (!(pod.cpuRequest >= 0) || !(pod.memoryRequestMb >= 0)) {
      throw new RangeError(`pod ${pod.name} must request at least 0 vCPU and 0 MB, got ${pod.cpuRequest} vCPU, ${pod.memoryRequestMb} MB`);
    }
  }
  for (const pod of request.pods) {
    for (const node of pod.nodes ?? []) {
      if (!Number.isInteger(node) || node < 0 || node >= request.nodeCount) throw new RangeError(`pod ${pod.name} lists node ${node}, outside 0..${request.nodeCount - 1}`);
    }
    if (pod.nodes?.length === 0) throw new RangeError(`pod ${pod.name} lists no nodes`);
  }
}

function demandOf(pod: { cpuRequest: number; memoryRequestMb: number }): Demand {
  const milli = toMilli(pod.cpuRequest);
  const kib = toKib(pod.memoryRequestMb);
  return { milli, kib, nonZeroMilli: milli > 0 ? milli : DEFAULT_MILLI_CPU_REQUEST, nonZeroKib: kib > 0 ? kib : DEFAULT_MEMORY_REQUEST_KIB };
}

/** NodeResourcesFit's filter: a zero request always fits, as in the plugin. */
function fits(node: NodeState, demand: Demand, capacity: { milli: number; kib: number }): boolean {
  return fitsRoom(demand.milli, demand.kib, capacity.milli - node.requestedMilli, capacity.kib - node.requestedKib);
}

function add(node: NodeState, demand: Demand, group: string | undefined): void {
  node.pods++;
  node.requestedMilli += demand.milli;
  node.requestedKib += demand.kib;
  node.nonZeroMilli += demand.nonZeroMilli;
  node.nonZeroKib += demand.nonZeroKib;
  if (group !== undefined) node.podsByGroup.set(group, (node.podsByGroup.get(group) ?? 0) + 1);
}

/** Where a pending pod waits: the candidate with the most CPU left, then memory, then the lowest index. */
function mostRoom(candidates: number[], nodes: NodeState[], capacity: { milli: number; kib: number }): number {
  let best = candidates[0];
  for (const index of candidates) {
    const cpu = capacity.milli - nodes[index].requestedMilli;
    const bestCpu = capacity.milli - nodes[best].requestedMilli;
    if (cpu > bestCpu || (cpu === bestCpu && nodes[index].requestedKib < nodes[best].requestedKib)) best = index;
  }
  return best;
}

/** The feasible node with the highest weighted score; feasible is in ascending index order, so ties keep the lowest. */
function bestNode(
  group: string,
  demand: Demand,
  feasible: number[],
  nodes: NodeState[],
  capacity: { milli: number; kib: number },
  nodeZone: readonly number[] | undefined,
): number {
  const spread = topologySpreadScores(group, feasible, nodes, nodeZone);
  let best = feasible[0];
  let bestScore = -Infinity;
  feasible.forEach((index, i) => {
    const node = nodes[index];
    const score =
      LEAST_ALLOCATED_WEIGHT * leastAllocatedScore(node, demand, capacity) +
      BALANCED_ALLOCATION_WEIGHT * balancedAllocationScore(node, demand, capacity) +
      TOPOLOGY_SPREAD_WEIGHT * spread[i];
    // kube-scheduler picks at random among the top-scored nodes, which spreads pods over tied
    // nodes; the deterministic stand-in takes the tied node with the fewest pods (then the lowest index).
    if (score > bestScore || (score === bestScore && node.pods < nodes[best].pods)) {
      bestScore = score;
      best = index;
    }
  });
  return best;
}

/** least_allocated.go: per resource (capacity - requested) x 100 / capacity, 0 when over; the weighted mean. */
function leastAllocatedScore(node: NodeState, demand: Demand, capacity: { milli: number; kib: number }): number {
  const cpu = leastRequested(node.nonZeroMilli + demand.nonZeroMilli, capacity.milli);
  const memory = leastRequested(node.nonZeroKib + demand.nonZeroKib, capacity.kib);
  return Math.floor((cpu + memory) / 2);
}

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** balanced_allocation.go with two resources: (1 - |cpu fraction - memory fraction| / 2) x 100. */
function balancedAllocationScore(node: NodeState, demand: Demand, capacity: { milli: number; kib: number }): number {
  // A best-effort pod skips the plugin (kubernetes#129138): the same score on every node.
  if (demand.milli === 0 && demand.kib === 0) return 0;
  const fractions: number[] = [];
  if (capacity.milli > 0) fractions.push(Math.min(1, (node.requestedMilli + demand.milli) / capacity.milli));
  if (capacity.kib > 0) fractions.push(Math.min(1, (node.requestedKib + demand.kib) / capacity.kib));
  const deviation = fractions.length === 2 ? Math.abs(fractions[0] - fractions[1]) / 2 : 0;
  return Math.floor((1 - deviation) * MAX_NODE_SCORE);
}

/**
 * podtopologyspread/scoring.go with the default constraints (hostname; zone when nodes have zones): raw
 * score per feasible node from the group's pods in each of its domains, then normalised so the emptiest
 * node scores 100.
 */
function topologySpreadScores(group: string, feasible: number[], nodes: NodeState[], nodeZone: readonly number[] | undefined): number[] {
  const weight = Math.log(feasible.length + 2);
  const zonePart = nodeZone ? zoneSpreadParts(group, feasible, nodes, nodeZone) : undefined;
  const raw = feasible.map((index, i) =>
    Math.round((nodes[index].podsByGroup.get(group) ?? 0) * weight + (HOSTNAME_MAX_SKEW - 1) + (zonePart ? zonePart[i] : 0)),
  );
  const maxRaw = Math.max(...raw);
  const minRaw = Math.min(...raw);
  if (maxRaw === 0) return raw.map(() => MAX_NODE_SCORE);
  return raw.map((score) => Math.floor((MAX_NODE_SCORE * (maxRaw + minRaw - score)) / maxRaw));
}

/** The zone constraint's unrounded part per feasible node: the group's pods in the node's zone, weighted. */
function zoneSpreadParts(group: string, feasible: number[], nodes: NodeState[], nodeZone: readonly number[]): number[] {
  const inZone = new Map<number, number>();
  nodes.forEach((node, index) => inZone.set(nodeZone[index], (inZone.get(nodeZone[index]) ?? 0) + (node.podsByGroup.get(group) ?? 0)));
  const weight = Math.log(new Set(feasible.map((index) => nodeZone[index])).size + 2);
  return feasible.map((index) => inZone.get(nodeZone[index])! * weight + (ZONE_MAX_SKEW - 1));
}

function unschedulable(
  pod: PodToSchedule,
  demand: Demand,
  candidates: number[],
  nodes: NodeState[],
  capacity: { milli: number; kib: number },
  tooLargeFor: PodResource[],
): UnschedulableError {
  const listed = pod.nodes !== undefined;
  const mostMilli = Math.max(...candidates.map((index) => capacity.milli - nodes[index].requestedMilli));
  const mostKib = Math.max(...candidates.map((index) => capacity.kib - nodes[index].requestedKib));
  const note = pod.requestsNote ? ` ${pod.requestsNote}` : "";
  const where = listed
    ? `fits on none of its nodes (${candidates.join(", ")}): the most any of them has left is`
    : "fits on no node: the most any node has left is";
  return new UnschedulableError(pod.name, `pod ${pod.name} (requests ${describeRoom(demand.milli, demand.kib)}${note}) ${where} ${describeRoom(mostMilli, mostKib)}`, {
    ...(pod.owner !== undefined ? { owner: pod.owner } : {}),
    tooLarge: tooLargeFor,
    ...(listed ? { restricted: true } : {}),
  });
}

/** The resources `demand` asks more of than `leftMilli` and `leftKib` hold (NodeResourcesFit's test, per resource). */
function tooLarge(demand: Demand, leftMilli: number, leftKib: number): PodResource[] {
  const resources: PodResource[] = [];
  if (!fitsRoom(demand.milli, 0, leftMilli, 0)) resources.push("cpu");
  if (!fitsRoom(0, demand.kib, 0, leftKib)) resources.push("memory");
  return resources;
}

/** `1.1 vCPU, 256 MB` or `0.4 vCPU, 3 GB`: vCPU to the millicore, memory in MB below 1 GB. */
function describeRoom(milli: number, kib: number): string {
  const vcpu = `${Number((Math.max(0, milli) / 1000).toFixed(3))} vCPU`;
  const mb = Math.max(0, kib) / KIB_PER_MB;
  const memory = mb < 1024 ? `${Math.round(mb)} MB` : `${Number((mb / 1024).toFixed(1))} GB`;
  return `${vcpu}, ${memory}`;
}

function toMilli(vcpu: number): number {
  return Math.round(vcpu * 1000);
}

function toKib(mb: number): number {
  return Math.round(mb * KIB_PER_MB);
}
