/**
 * The cores of a run's nodes, when the scenario declares its machines: one NodeCpu per node,
 * and for every station the container (cgroup) it runs in and who it works for (the app, the
 * mesh, the kernel). Without declared machines there is none, and each station owns its CPU.
 */

import type { Simulation } from "../../engine/index.js";
import { NodeCpu } from "../../queueing/index.js";

/** Who a container works for, in the nodes' CPU split. */
export const USER_APP = 0;
export const USER_MESH = 1;
export const USER_KERNEL = 2;
export const USER_LOAD_GENERATOR = 3;

/** A station's place on a node's CPU. */
export interface CpuPlace {
  node: NodeCpu;
  /** The node's index in the cluster. */
  nodeIndex: number;
  container: number;
}

export class NodeCpus {
  /** One per cluster node; empty when the scenario declares no machines. */
  readonly nodes: NodeCpu[];
  /** Per container of each node: who it works for (USER_*). */
  readonly containerUser: number[][];
  readonly #kernel: number[];

  constructor(sim: Simulation, nodeCount: number, coresPerNode: number | undefined) {
    this.nodes = coresPerNode === undefined ? [] : Array.from({ length: nodeCount }, (_, node) => new NodeCpu(sim, { name: `node-${node}`, cores: coresPerNode }));
    this.containerUser = this.nodes.map(() => []);
    this.#kernel = this.nodes.map(() => -1);
  }

  /** Whether the run's nodes have cores (else there is no contention). */
  get declared(): boolean {
    return this.nodes.length > 0;
  }

  /**
   * A new container on `node` for `user`, with its CPU limit and idle load (vCPU) and the most
   * threads it runs at once, stopped when its pod does not exist at the start (`running` false);
   * undefined when machines are not declared or the node is outside the cluster (an external service).
   */
  container(node: number, name: string, user: number, limitVcpu?: number, idleVcpu = 0, threads = Infinity, running = true): CpuPlace | undefined {
    if (!this.declared || node < 0) return undefined;
    const cpu = this.nodes[node];
    const container = cpu.addContainer(name, limitVcpu, idleVcpu, threads, running);
    this.containerUser[node][container] = user;
    return { node: cpu, nodeIndex: node, container };
  }

  /** The node's kernel work (eBPF hooks, WireGuard/IPsec): one unlimited container per node. */
  kernel(node: number): CpuPlace | undefined {
    if (!this.declared || node < 0) return undefined;
    if (this.#kernel[node] < 0) this.#kernel[node] = this.container(node, "kernel", USER_KERNEL)!.container;
    return { node: this.nodes[node], nodeIndex: node, container: this.#kernel[node] };
  }
}
