/**
 * Compiles every request type's call tree into flat typed arrays, so the request flow walks
 * node ids instead of objects. Node ids are assigned depth-first, request type by request type.
 *
 *   root(web) ── call catalogue ── call mongodb        nodes:    0 web, 1 catalogue, 2 mongodb
 *            └─ parallel ┬ call a                       children: web -> [1, 3], 3 -> [4, 5]
 *                        └ call b
 */

import type { CallNode, RequestType, ServiceCall, Topology } from "../model/index.js";
import { catchAllRoute } from "../model/index.js";

export const NODE_CALL = 0;
export const NODE_SEQUENCE = 1;
export const NODE_PARALLEL = 2;

/** The call trees of all request types as parallel arrays indexed by node id. */
export interface CallProgram {
  nodeCount: number;
  kind: Uint8Array;
  probability: Float64Array;
  repeat: Float64Array;
  async: Uint8Array;
  /**
   * Service index of a call node (-1 for groups). A call to a virtual host (a traffic rule's
   * name over other services) holds the host's first catch-all backend: its protocol stands
   * for all of them.
   */
  service: Int32Array;
  /** Traffic host of a call node: the service's index, or a virtual host's (after the services). */
  host: Int32Array;
  requestBytes: Float64Array;
  responseBytes: Float64Array;
  childStart: Int32Array;
  childCount: Int32Array;
  /** Child node ids, each node's run contiguous from childStart. */
  children: Int32Array;
  /** Root node id of each request type. */
  roots: Int32Array;
}

/** Where a call to a virtual host goes in the program: its host id and representative service. */
export interface VirtualHostTarget {
  host: number;
  service: number;
}

/**
 * The topology's call program: services by index, and each traffic rule whose host is not a
 * service as a virtual host numbered after the services, in rule order.
 */
export function compileTopologyProgram(topology: Topology): CallProgram {
  const serviceIndex = new Map(topology.services.map((service, index) => [service.name, index]));
  return compileCallProgram(topology.requestTypes, serviceIndex, virtualHostTargets(topology, serviceIndex));
}

/** Virtual hosts of the topology's traffic rules, numbered after the services. */
export function virtualHostTargets(topology: Topology, serviceIndex: Map<string, number>): Map<string, VirtualHostTarget> {
  const targets = new Map<string, VirtualHostTarget>();
  for (const rule of topology.traffic ?? []) {
    if (serviceIndex.has(rule.host)) continue;
    const route = catchAllRoute(rule);
    targets.set(rule.host, { host: serviceIndex.size + targets.size, service: serviceIndex.get(route.backends[0].service)! });
  }
  return targets;
}

/**
 * Flattens the request types' call trees; `serviceIndex` maps a service name to its index and
 * `virtualHosts` the names of traffic rules that are not services.
 * @throws Error when a call names neither (the loader prevents it)
 */
export function compileCallProgram(
  requestTypes: RequestType[],
  serviceIndex: Map<string, number>,
  virtualHosts: Map<string, VirtualHostTarget> = new Map(),
): CallProgram {
  const nodes: CallNode[] = [];
  const childLists: number[][] = [];
  const visit = (node: CallNode): number => {
    const id = nodes.length;
    nodes.push(node);
    childLists.push([]);
    const kids = node.kind === "call" ? node.calls : node.nodes;
    childLists[id] = kids.map(visit);
    return id;
  };
  const roots = Int32Array.from(requestTypes.map((type) => visit(type.root)));

  const count = nodes.length;
  const program: CallProgram = {
    nodeCount: count,
    kind: new Uint8Array(count),
    probability: new Float64Array(count),
    repeat: new Float64Array(count),
    async: new Uint8Array(count),
    service: new Int32Array(count).fill(-1),
    host: new Int32Array(count).fill(-1),
    requestBytes: new Float64Array(count),
    responseBytes: new Float64Array(count),
    childStart: new Int32Array(count),
    childCount: new Int32Array(count),
    children: new Int32Array(childLists.reduce((sum, list) => sum + list.length, 0)),
    roots,
  };
  let next = 0;
  nodes.forEach((node, id) => {
    program.probability[id] = node.probability;
    program.repeat[id] = node.repeat;
    program.childStart[id] = next;
    program.childCount[id] = childLists[id].length;
    program.children.set(childLists[id], next);
    next += childLists[id].length;
    if (node.kind === "call") {
      program.kind[id] = NODE_CALL;
      const virtual = virtualHosts.get(node.service);
      program.service[id] = virtual ? virtual.service : lookUpService(node, serviceIndex);
      program.host[id] = virtual ? virtual.host : program.service[id];
      program.async[id] = node.async ? 1 : 0;
      program.requestBytes[id] = node.requestBytes;
      program.responseBytes[id] = node.responseBytes;
    } else {
      program.kind[id] = node.kind === "sequence" ? NODE_SEQUENCE : NODE_PARALLEL;
    }
  });
  return program;
}

/**
 * How many times `node` runs this time: its whole repetitions, with the fractional part as the
 * chance of one more; 0 when its probability says it is skipped. Draws from `rng` only when
 * the node is probabilistic or fractional, so fixed trees use no random numbers.
 * @example drawRepeats(program, node, rng) // 2 for repeat 2.3 seven times in ten
 */
export function drawRepeats(program: CallProgram, node: number, rng: () => number): number {
  const probability = program.probability[node];
  if (probability < 1 && rng() >= probability) return 0;
  const repeat = program.repeat[node];
  const whole = Math.floor(repeat);
  return repeat === whole ? whole : whole + (rng() < repeat - whole ? 1 : 0);
}

// --- internal ---

function lookUpService(call: ServiceCall, serviceIndex: Map<string, number>): number {
  const index = serviceIndex.get(call.service);
  if (index === undefined) throw new Error(`call to unknown service ${call.service}`);
  return index;
}
