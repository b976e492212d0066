/**
 * The chains of every (caller pod, callee pod) pair, for the request and for its response, as the
 * request flow reads them in its hot loop: each pair's chain id, and all chains' steps packed
 * into one array. A pair's chains are built the first time it is asked for, so a network of many
 * pods builds only the pairs its calls use (a thousand pods make a million pairs, most of which no
 * call ever takes). Identical chains share one id, so the tables of steps stay small however many
 * pods there are (the pair tables themselves are podCount² ids).
 *
 *   requestChain[caller * podCount + callee] = id + 1 (0: not built yet);  steps[chainStart[id] .. + chainLength[id]]
 *
 * (Ids are kept one up so that a pair not built yet is 0, as a new array is: the pair tables need no
 * filling, and the pages of pairs no call takes are never touched, 32 MB at 2,000 pods.)
 */

import { grown } from "./grown-array.js";

/** Steps of a pair's chain: a station index (>= 0) or a link as -(link index + 1). */
export type ChainSteps = (caller: number, callee: number) => number[];

const INITIAL_CHAINS = 64;

/**
 * Chain ids per pod pair, built on first use, and the steps of every chain built so far.
 * `steps`, `chainStart` and `chainLength` are replaced when they grow: read them after asking for
 * a pair's chain, not before.
 * @example const chains = new ChainTable(3, (a, b) => [a, -1, b], (a, b) => [b, -1, a]); chains.request(0, 1)
 */
export class ChainTable {
  readonly podCount: number;
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

  constructor(podCount: number, requestSteps: ChainSteps, responseSteps: ChainSteps) {
    this.podCount = podCount;
    this.#requestChain = new Int32Array(podCount * podCount);
    this.#responseChain = new Int32Array(podCount * podCount);
    this.#requestSteps = requestSteps;
    this.#responseSteps = responseSteps;
    this.#keep = new Array<((step: number) => boolean) | undefined>(podCount).fill(undefined);
  }

  /** Chains built so far. */
  get count(): number {
    return this.#chains;
  }

  /** The chain id of a request from `caller` to `callee`. */
  request(caller: number, callee: number): number {
    const kept = this.#requestChain[caller * this.podCount + callee];
    if (kept > 0) return kept - 1;
    const id = this.#intern(this.#kept(callee, this.#requestSteps(caller, callee)));
    this.#requestChain[caller * this.podCount + callee] = id + 1;
    return id;
  }

  /** The chain id of the response to a request from `caller` to `callee`. */
  response(caller: number, callee: number): number {
    const kept = this.#responseChain[caller * this.podCount + callee];
    if (kept > 0) return kept - 1;
    const id = this.#intern(this.#kept(callee, this.#responseSteps(caller, callee)));
    this.#responseChain[caller * this.podCount + callee] = id + 1;
    return id;
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
    for (let caller = 0; caller < this.podCount; caller++) {
      this.#requestChain[caller * this.podCount + callee] = 0;
      this.#responseChain[caller * this.podCount + callee] = 0;
    }
  }

  // --- internal ---

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
