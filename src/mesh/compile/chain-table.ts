/**
 * The chains of every (caller pod, callee pod) pair, for the request and for its response, as the
 * request flow reads them in its hot loop: each pair's chain id, and all chains' steps packed
 * into one array. Identical chains share one id, so the tables of steps stay small however many
 * pods there are (the pair tables themselves are podCount² ids).
 *
 *   requestChain[caller * podCount + callee] = id;  steps[chainStart[id] .. + chainLength[id]]
 */

/** Chain ids per pod pair and the steps of every chain. */
export interface ChainTable {
  /** Chain id of (caller pod * podCount + callee pod), for requests and responses. */
  requestChain: Int32Array;
  responseChain: Int32Array;
  /** Steps of all chains: a station index (>= 0) or a link as -(link index + 1). */
  steps: Int32Array;
  chainStart: Int32Array;
  chainLength: Int32Array;
}

/**
 * The chain table of `podCount` pods, callees from `firstCallee` on (pods before it are entry
 * points, never called), from the data plane's steps of each pair.
 * @example buildChainTable(3, 1, () => [-1], () => [-1]).chainLength // Int32Array [1]
 */
export function buildChainTable(
  podCount: number,
  firstCallee: number,
  requestSteps: (caller: number, callee: number) => number[],
  responseSteps: (caller: number, callee: number) => number[],
): ChainTable {
  const ids = new Map<string, number>();
  const chains: number[][] = [];
  const intern = (steps: number[]): number => {
    const key = steps.join(",");
    let id = ids.get(key);
    if (id === undefined) {
      id = chains.length;
      chains.push(steps);
      ids.set(key, id);
    }
    return id;
  };
  const requestChain = new Int32Array(podCount * podCount);
  const responseChain = new Int32Array(podCount * podCount);
  for (let caller = 0; caller < podCount; caller++) {
    for (let callee = firstCallee; callee < podCount; callee++) {
      requestChain[caller * podCount + callee] = intern(requestSteps(caller, callee));
      responseChain[caller * podCount + callee] = intern(responseSteps(caller, callee));
    }
  }
  const chainStart = new Int32Array(chains.length);
  const chainLength = new Int32Array(chains.length);
  const steps = new Int32Array(chains.reduce((sum, chain) => sum + chain.length, 0));
  let next = 0;
  chains.forEach((chain, id) => {
    chainStart[id] = next;
    chainLength[id] = chain.length;
    steps.set(chain, next);
    next += chain.length;
  });
  return { requestChain, responseChain, steps, chainStart, chainLength };
}
