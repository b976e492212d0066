/**
 * Pods still in their Service's endpoints (podOut 0) among the first `count` of a list: what
 * kube-proxy, the mesh's L4 path and the rule-less picks balance over while some are out.
 */

/** How many of `pods[0..count)` are in their Service's endpoints. */
export function countListed(pods: Int32Array, count: number, podOut: Uint8Array): number {
  let listed = 0;
  for (let i = 0; i < count; i++) if (podOut[pods[i]] === 0) listed++;
  return listed;
}

/** The `n`th (0-based) of `pods[0..count)` in its Service's endpoints; -1 when there are fewer. */
export function nthListed(pods: Int32Array, count: number, podOut: Uint8Array, n: number): number {
  let seen = 0;
  for (let i = 0; i < count; i++) {
    if (podOut[pods[i]] === 1) continue;
    if (seen === n) return pods[i];
    seen++;
  }
  return -1;
}
