/**
 * Numbers the (caller pod, callee pod) pairs that can carry a call, so that the network's tables
 * per pair (chains, connection pools, mTLS, policy) hold those pairs alone: each caller pod
 * times the pods of the services its service calls (calleeServices), not pods². A caller's pairs
 * are one block, its callees in ascending order, and blocks go caller by caller, so pair numbers
 * rise in (caller, callee) order.
 *
 *   pair(caller, callee) = callerStart[caller] + calleeOffset[(kind(caller), kind(callee))] + callee
 *
 * where a pod's kind is its service + 1 (0 for the load generator's pods) and every pod of a kind
 * calls the same services, so the offsets within a block are shared by the kind's pods: the offset
 * is where the callee's service starts in the block, less the service's first pod. Offsets are kept
 * for the pairs of kinds that call (found through SparseIds), not for kinds², which 20,000 services
 * of one pod would make 4 x 10^8.
 */

import { SparseIds } from "../../engine/index.js";

/** A service's pods, contiguous: pod ids firstPod .. firstPod + count - 1. */
export interface PodLayout {
  /** Service of each pod; -1 for the load generator's (entry) pods. */
  podService: Int32Array;
  /** Each service's pods, in pod id order and contiguous. */
  servicePods: readonly Int32Array[];
}

/** Most pairs: a pair number fits the flow's Int32Array with room to spare. */
const MOST_PAIRS = 2 ** 30;

/**
 * The pairs of a network's pods that can carry a call.
 * @example const pairs = new PodPairs(layout, calleeServices(topology)); pairs.index(0, 1) // 0
 */
export class PodPairs {
  readonly podCount: number;
  /** Pairs numbered: 0 .. count - 1. */
  readonly count: number;
  /** Each pod's kind: its service + 1, 0 for the load generator's pods. */
  readonly #podKind: Int32Array;
  readonly #servicePods: readonly Int32Array[];
  readonly #kinds: number;
  readonly #callerStart: Int32Array;
  /** The pairs of kinds that call (key caller kind x kinds + callee kind), numbered. */
  readonly #calledKinds: SparseIds;
  /** Per pair of kinds that call: where the callee's service starts in a caller's block, less its first pod. */
  readonly #calleeOffset: Int32Array;
  /** Per kind, the services it calls, ascending. */
  readonly #callees: readonly (readonly number[])[];

  /**
   * @param callees per kind (0 the load generator, 1 + s service s), the services it calls, ascending
   * @throws RangeError when a service's pods are not contiguous, or pods or pairs pass what a pair number holds
   */
  constructor(layout: PodLayout, callees: readonly (readonly number[])[]) {
    const { podService, servicePods } = layout;
    const kinds = servicePods.length + 1;
    this.podCount = podService.length;
    this.#podKind = Int32Array.from(podService, (service) => service + 1);
    this.#servicePods = servicePods;
    this.#kinds = kinds;
    this.#callees = callees;
    if (this.podCount >= 2 ** 25) throw new RangeError(`${this.podCount} pods: at most 2^25 can be paired`);
    servicePods.forEach((pods, service) => {
      if (pods.length > 0 && pods[pods.length - 1] - pods[0] !== pods.length - 1) throw new RangeError(`service ${service}'s pods are not contiguous`);
    });
    this.#calledKinds = new SparseIds(kinds * kinds);
    const calledKinds = callees.reduce((sum, services) => sum + (services?.length ?? 0), 0);
    this.#calleeOffset = new Int32Array(calledKinds);
    const blockSize = new Float64Array(kinds);
    for (let kind = 0; kind < kinds; kind++) {
      for (const service of callees[kind] ?? []) {
        const pods = servicePods[service];
        const called = this.#calledKinds.add(kind * kinds + service + 1);
        this.#calleeOffset[called] = blockSize[kind] - (pods.length > 0 ? pods[0] : 0);
        blockSize[kind] += pods.length;
      }
    }
    this.#callerStart = new Int32Array(this.podCount);
    let count = 0;
    for (let pod = 0; pod < this.podCount; pod++) {
      this.#callerStart[pod] = count;
      count += blockSize[this.#podKind[pod]];
      if (count > MOST_PAIRS) throw new RangeError(`more than ${MOST_PAIRS} pod pairs can carry a call (${count} by pod ${pod})`);
    }
    this.count = count;
  }

  /**
   * Every pair of `podCount` pods, each pod a service of its own and every kind calling every
   * service: the dense table, for tests and small networks wired by hand.
   * @example PodPairs.everyPair(3).index(2, 1) // 7 (pod 2's block starts at 2 x 3)
   */
  static everyPair(podCount: number): PodPairs {
    const all = Array.from({ length: podCount }, (_, pod) => pod);
    return new PodPairs(
      { podService: Int32Array.from(all), servicePods: all.map((pod) => Int32Array.of(pod)) },
      Array.from({ length: podCount + 1 }, () => all),
    );
  }

  /**
   * The pair's number, or -1 when no call goes from `caller` to `callee` (a table indexed by it
   * reads undefined; ChainTable refuses such a pair, naming its pods). O(1) expected.
   */
  index(caller: number, callee: number): number {
    const called = this.#calledKinds.idOf(this.#podKind[caller] * this.#kinds + this.#podKind[callee]);
    return called < 0 ? -1 : this.#callerStart[caller] + this.#calleeOffset[called] + callee;
  }

  /** Calls `visit` for each pod `caller` can call, in ascending order, with the pair's number. */
  forEachCallee(caller: number, visit: (callee: number, pair: number) => void): void {
    let pair = this.#callerStart[caller];
    for (const service of this.#callees[this.#podKind[caller]] ?? []) {
      const pods = this.#servicePods[service];
      for (let i = 0; i < pods.length; i++) visit(pods[i], pair++);
    }
  }

  /** Calls `visit` for each pod that can call `callee`, in ascending order, with the pair's number. */
  forEachCaller(callee: number, visit: (caller: number, pair: number) => void): void {
    if (this.#podKind[callee] === 0) return;
    for (let caller = 0; caller < this.podCount; caller++) {
      const pair = this.index(caller, callee);
      if (pair >= 0) visit(caller, pair);
    }
  }
}

