/**
 * The run's pods as the timeline's pod events see them before simulating: which pod holds each
 * ReplicaSet slot (a scenario replica) and on which node, the pods bound to the nodes (with
 * machines, for kube-scheduler's choices), which nodes are down, and the pods the events create
 * (each a replica after its service's scenario replicas in the run's network) with when each pod
 * starts and stops holding room.
 */

import { nodesOfZones, scheduleOne, type BoundPod } from "../../cluster/index.js";
import type { MeshOptions, Service, Topology } from "../../mesh/index.js";
import type { PodRequests } from "./pod-requests.js";

/** A pod an event creates in the run: a replica of its service past the scenario's, on `node`. */
export interface CreatedPod {
  service: number;
  replica: number;
  node: number;
  /** The scenario replica (ReplicaSet slot) whose place it takes. */
  slot: number;
  /** When it is bound to its node (created by an eviction, or a rollout's new pod), s into the measured time. */
  createdAtS: number;
}

/** The key of a pod in PodState.removedAtS: "service/replica". */
export function podKey(service: number, replica: number): string {
  return `${service}/${replica}`;
}

/**
 * The state the pod events move on, event by event (pod-timeline.ts); plain books, no simulation.
 * @example const state = new PodState(topology, placement); state.pickNode(1, 0, { vcpu: 0.5, memoryMb: 0 }) // 2
 */
export class PodState {
  /** Per service and slot: the node and the pod (replica index in the run's network) there now. */
  readonly slotNode: number[][];
  readonly slotPod: number[][];
  readonly down = new Set<number>();
  /** Per service, the pods the events created, in replica order. */
  readonly created: CreatedPod[][];
  /** When a pod stopped holding room (deleted), by podKey, s into the measured time. */
  readonly removedAtS = new Map<string, number>();
  readonly #topology: Topology;
  /** With machines: the pods bound now, as kube-scheduler sees them (undefined without machines). */
  readonly #bound: BoundPod[] | undefined;
  readonly #zoneNodes: number[][];

  constructor(topology: Topology, placement: MeshOptions["placement"]) {
    const { cluster } = topology;
    this.#topology = topology;
    this.#bound = cluster.allocatable && placement.bound ? [...placement.bound] : undefined;
    this.slotNode = placement.services.map((nodes) => [...nodes]);
    this.slotPod = placement.services.map((nodes) => nodes.map((_, replica) => replica));
    this.created = topology.services.map(() => []);
    this.#zoneNodes = cluster.zones ? nodesOfZones(cluster.zones) : [];
  }

  /**
   * Where kube-scheduler binds a new pod of `service` for `slot`, among the nodes up it may run on
   * (its `nodes`, its zone when replicas are pinned per zone): with machines, where its requests
   * fit, by the scheduler's scores over the pods bound now (scheduleOne); undefined when it fits
   * nowhere (it stays pending). Without machines pods request nothing: the first such node.
   */
  pickNode(service: number, slot: number, requests: PodRequests): number | undefined {
    const spec: Service = this.#topology.services[service];
    const podZones = spec.zoneReplicas?.flatMap((count, zone) => Array.from({ length: count }, () => zone));
    const allowed = podZones ? this.#zoneNodes[podZones[slot]] : (spec.nodes ?? Array.from({ length: this.#topology.cluster.nodes }, (_, n) => n));
    const up = allowed.filter((node) => !this.down.has(node));
    if (up.length === 0) return undefined;
    const { cluster } = this.#topology;
    if (this.#bound === undefined || !cluster.allocatable) return up[0];
    return scheduleOne(
      { nodeCount: cluster.nodes, allocatable: cluster.allocatable, bound: this.#bound, ...(cluster.zones ? { nodeZone: cluster.zones.nodeZone } : {}) },
      { group: spec.name, name: `${spec.name}-new`, cpuRequest: requests.vcpu, memoryRequestMb: requests.memoryMb, nodes: up },
    );
  }

  /** Binds pod `replica` (index in the run's network) of `service` to `node`, as the scheduler sees it. */
  bind(service: number, replica: number, node: number, requests: PodRequests): void {
    const name = `${this.#topology.services[service].name}-${replica}`;
    this.#bound?.push({ group: this.#topology.services[service].name, name, cpuRequest: requests.vcpu, memoryRequestMb: requests.memoryMb, node });
  }

  /** Pod `replica` of `service` is deleted: its requests leave its node. */
  unbind(service: number, replica: number): void {
    const name = `${this.#topology.services[service].name}-${replica}`;
    const index = this.#bound?.findIndex((pod) => pod.name === name) ?? -1;
    if (index >= 0) this.#bound!.splice(index, 1);
  }

  /** A new pod of `service` for `slot` bound to `node` at `atS`: its replica index in the run's network. */
  create(service: number, slot: number, node: number, atS: number, requests: PodRequests): number {
    const replica = this.#topology.services[service].replicas + this.created[service].length;
    this.created[service].push({ service, replica, node, slot, createdAtS: atS });
    this.bind(service, replica, node, requests);
    return replica;
  }
}
