// What a scenario's call trees say an import of its traces should find: for every place in a request
// type's tree (the path of services from the entry), how many calls each callee gets per invocation
// there (mean and variance) and how often it gets at least one. Places reached from several
// positions of the tree (a service called twice) are merged as the import merges them: a mixture
// weighted by the expected invocations at each position.

import type { CallNode, RequestType, ServiceCall } from "../../../src/mesh/index.js";

export interface ExpectedCalls {
  /** Mean calls to the callee per invocation of the parent place. */
  mean: number;
  /** Their variance (0: the count is fixed). */
  variance: number;
  /** Chance that an invocation of the parent place calls the callee at least once. */
  present: number;
}

/** Expected calls, by parent place ("entry/a/b") then callee service. */
export type ExpectedTree = Map<string, Map<string, ExpectedCalls>>;

/** The expected calls of one request type, and the expected invocations per trace of each place. */
export function expectedCalls(type: RequestType): { tree: ExpectedTree; invocations: Map<string, number> } {
  const positions = new Map<string, Array<{ weight: number; children: Map<string, Count> }>>();
  const invocations = new Map<string, number>();
  const visit = (call: ServiceCall, place: string, weight: number): void => {
    invocations.set(place, (invocations.get(place) ?? 0) + weight);
    const children = sumCounts(call.calls.map(countsOf));
    if (!positions.has(place)) positions.set(place, []);
    positions.get(place)!.push({ weight, children });
    for (const [child, factor] of callsBeneath(call.calls, 1)) visit(child, `${place}/${child.service}`, weight * factor);
  };
  visit(type.root, type.root.service, 1);
  const tree: ExpectedTree = new Map();
  for (const [place, list] of positions) {
    const total = list.reduce((sum, position) => sum + position.weight, 0);
    const services = new Set(list.flatMap((position) => [...position.children.keys()]));
    const callees = new Map<string, ExpectedCalls>();
    for (const service of services) {
      let mean = 0;
      let square = 0;
      let present = 0;
      for (const position of list) {
        const count = position.children.get(service) ?? { mean: 0, variance: 0, zero: 1 };
        const share = position.weight / total;
        mean += share * count.mean;
        square += share * (count.variance + count.mean ** 2);
        present += share * (1 - count.zero);
      }
      callees.set(service, { mean, variance: Math.max(0, square - mean ** 2), present });
    }
    tree.set(place, callees);
  }
  return { tree, invocations };
}

// --- internal ---

/** A count of calls to one service: mean, variance and the chance it is zero. */
interface Count {
  mean: number;
  variance: number;
  zero: number;
}

/** How many times a node runs: 0 unless its probability draws it, then its repeats (whole + a chance of one more). */
function runs(node: CallNode): Array<[times: number, chance: number]> {
  const whole = Math.floor(node.repeat);
  const fraction = node.repeat - whole;
  const list: Array<[number, number]> = [[0, 1 - node.probability]];
  if (fraction > 0) list.push([whole + 1, node.probability * fraction]);
  list.push([whole, node.probability * (1 - fraction)]);
  return list;
}

/** Calls made by evaluating `node` once, by callee service (a call node counts itself, not its callee's calls). */
function countsOf(node: CallNode): Map<string, Count> {
  const distribution = runs(node);
  const meanRuns = distribution.reduce((sum, [times, chance]) => sum + times * chance, 0);
  const varianceRuns = distribution.reduce((sum, [times, chance]) => sum + times * times * chance, 0) - meanRuns ** 2;
  if (node.kind === "call") {
    const zero = distribution.filter(([times]) => times === 0).reduce((sum, [, chance]) => sum + chance, 0);
    return new Map([[node.service, { mean: meanRuns, variance: varianceRuns, zero }]]);
  }
  const once = sumCounts(node.nodes.map(countsOf));
  const counts = new Map<string, Count>();
  for (const [service, count] of once) {
    counts.set(service, {
      mean: meanRuns * count.mean,
      variance: meanRuns * count.variance + varianceRuns * count.mean ** 2,
      zero: distribution.reduce((sum, [times, chance]) => sum + chance * count.zero ** times, 0),
    });
  }
  return counts;
}

/** Independent counts added up, service by service. */
function sumCounts(list: Array<Map<string, Count>>): Map<string, Count> {
  const sum = new Map<string, Count>();
  for (const counts of list) {
    for (const [service, count] of counts) {
      const before = sum.get(service) ?? { mean: 0, variance: 0, zero: 1 };
      sum.set(service, { mean: before.mean + count.mean, variance: before.variance + count.variance, zero: before.zero * count.zero });
    }
  }
  return sum;
}

/** The call nodes under a list of nodes (through groups), each with its expected runs per evaluation of the list. */
function callsBeneath(nodes: CallNode[], factor: number): Array<[ServiceCall, number]> {
  return nodes.flatMap((node): Array<[ServiceCall, number]> => {
    const expected = factor * node.probability * node.repeat;
    return node.kind === "call" ? [[node, expected]] : callsBeneath(node.nodes, expected);
  });
}
