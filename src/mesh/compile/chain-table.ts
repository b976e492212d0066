/**
 * The chains of every pair of pods a call can take (PodPairs), for the request and for its
 * response, as the request flow reads them in its hot loop: each pair's chain id, and all chains'
 * steps packed into one array. A pair's chains are built the first time it is asked for, so a
 * network of many pods builds only the pairs its calls use. Identical chains share one id, so the
 * tables of steps stay small however many pods there are (the pair tables are one id per pair).
 *
 *   requestChain[pair] = id + 1 (0: not built yet);  steps[chainStart[id] .. + chainLength[id]]
 *
 * (Ids are kept one up so that a pair not built yet is 0, as a new array is: the pair tables need no
 * filling, and the pages of pairs no call takes are never touched.)
 */

import { grown } from "./grown-array.js";
import type { PodPairs } from "./pod-pairs.js";

/** Steps of a pair's chain: a station index (>= 0) or a link as -(link index + 1). */
export type ChainSteps = (caller: number, callee: number) => number[];

const INITIAL_CHAINS = 64;

/**
 * Chain ids per pod pair, built on first use, and the steps of every chain built so far.
 * `steps`, `chainStart` and `chainLength` are replaced when they grow: read them after asking for
 * a pair's chain, not before.
 * @example const chains = new ChainTable(PodPairs.everyPair(3), (a, b) => [a, -1, b], (a, b) => [b, -1, a]); chains.request(0, 1)
 */
export class ChainTable {
  readonly pairs: PodPairs;
  /** Steps of all chains built: a station index (>= 0) or a link as -(link index + 1). */
  steps: Int32Array = new Int32Array(INITIAL_CHAINS * 4);
  chainStart: Int32Array = new Int32Array(INITIAL_CHAINS);
  chainLength: Int32Array = new Int32Array(INITIAL_CHAINS);
  readonly #requestChain: Int32Array;
  readonly #responseChain: Int32Array;
  readonly #requestSteps: ChainSteps;
  readonly #responseSteps: ChainSteps;
  readonly #ids = new Map<string, number>();
  /** Per callee: which steps its pairs' chains keep while it is cut off (undefined: all). */
  readonly #keep: Array<((step: number) => boolean) | undefined>;
  #chains = 0;
  #stepCount = 0;

  constructor(pairs: PodPairs, requestSteps: ChainSteps, responseSteps: ChainSteps) {
    this.pairs = pairs;
    this.#requestChain = new Int32Array(pairs.count);
    this.#responseChain = new Int32Array(pairs.count);
    this.#requestSteps = requestSteps;
    this.#responseSteps = responseSteps;
    this.#keep = new Array<((step: number) => boolean) | undefined>(pairs.podCount).fill(undefined);
  }

  /** Chains built so far. */
  get count(): number {
    return this.#chains;
  }

  /**
   * The chain id of a request from `caller` to `callee`.
   * @throws RangeError when no call can go from `caller` to `callee` (PodPairs has no such pair)
   */
  request(caller: number, callee: number): number {
    return this.requestOf(this.pairs.index(caller, callee), caller, callee);
  }

  /**
   * The chain id of the response to a request from `caller` to `callee`.
   * @throws RangeError when no call can go from `caller` to `callee`
   */
  response(caller: number, callee: number): number {
    return this.responseOf(this.pairs.index(caller, callee), caller, callee);
  }

  /**
   * request(caller, callee) for a call that knows its pair's number (PodPairs.index).
   * @throws RangeError when the number is negative: no call can go from `caller` to `callee`
   */
  requestOf(pair: number, caller: number, callee: number): number {
    // A negative pair reads undefined, so it too goes out of line, where it is refused.
    const kept = this.#requestChain[pair];
    return kept > 0 ? kept - 1 : this.#build(this.#requestChain, this.#requestSteps, pair, caller, callee);
  }

  /** response(caller, callee) for a call that knows its pair's number. */
  responseOf(pair: number, caller: number, callee: number): number {
    const kept = this.#responseChain[pair];
    return kept > 0 ? kept - 1 : this.#build(this.#responseChain, this.#responseSteps, pair, caller, callee);
  }

  /**
   * From now on, the chains of every call to `callee` keep only the steps `keep` accepts (a lost
   * node's stations are gone: a call to its pod is refused without them), or all steps again
   * when `keep` is undefined. Calls already under way keep the chain they hold. O(pods), once per
   * change; the pairs' chains are rebuilt when next asked for.
   * @example chains.cutOff(2, (step) => step < 0) // calls to pod 2 cross the network and no station
   */
  cutOff(callee: number, keep: ((step: number) => boolean) | undefined): void {
    this.#keep[callee] = keep;
    this.pairs.forEachCaller(callee, (_, pair) => {
      this.#requestChain[pair] = 0;
      this.#responseChain[pair] = 0;
    });
  }

  // --- internal ---

  /** A pair's chain the first time it is asked for (out of line: the hot path is the lookup). */
  #build(chains: Int32Array, stepsOf: ChainSteps, pair: number, caller: number, callee: number): number {
    if (!(pair >= 0)) throw new RangeError(`no call goes from pod ${caller} to pod ${callee}: the call trees and traffic rules never pair them`);
    const id = this.#intern(this.#kept(callee, stepsOf(caller, callee)));
    chains[pair] = id + 1;
    return id;
  }

  #kept(callee: number, steps: number[]): number[] {
    const keep = this.#keep[callee];
    return keep === undefined ? steps : steps.filter(keep);
  }

  #intern(steps: number[]): number {
    const key = steps.join(",");
    const known = this.#ids.get(key);
    if (known !== undefined) return known;
    const id = this.#chains++;
    if (id === this.chainStart.length) {
      this.chainStart = grown(this.chainStart, 2 * id);
      this.chainLength = grown(this.chainLength, 2 * id);
    }
    if (this.#stepCount + steps.length > this.steps.length) this.steps = grown(this.steps, 2 * (this.#stepCount + steps.length));
    this.chainStart[id] = this.#stepCount;
    this.chainLength[id] = steps.length;
    this.steps.set(steps, this.#stepCount);
    this.#stepCount += steps.length;
    this.#ids.set(key, id);
    return id;
  }
}
