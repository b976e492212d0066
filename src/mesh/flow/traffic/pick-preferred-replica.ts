/**
 * Load balancing by zone, over the replica tables compiled in locality-tables.ts: a caller's client
 * view keeps to the replicas preferred for its zone, as kube-proxy keeps to same-zone or hinted
 * endpoints, or spills to the others as Envoy's priority levels do when the local ones are ejected.
 * Within the chosen replicas the host's load balancer decides, as pick-replica.ts does over all of
 * them. Reads typed tables only: nothing is allocated per call.
 */

import type { Rng } from "../../../random/index.js";
import type { ClientViews } from "./client-views.js";
import { ewmaCost, pickReplica } from "./pick-replica.js";
import { LB_EWMA, LB_LEAST_REQUEST, LB_RANDOM, LOCALITY_FAILOVER, LOCALITY_PRIORITY } from "../../compile/index.js";

/**
 * Envoy's default overprovisioning factor: a priority level takes min(1, 1.4 x its healthy share)
 * of the calls (Envoy arch overview, load balancing, "Priority levels"; ClusterLoadAssignment.Policy
 * overprovisioning_factor, default 140).
 */
export const OVERPROVISIONING_FACTOR = 1.4;

/**
 * Returns the replica index (within the service's pods) for the next call of `view`. `local` and
 * `remote` are the replica indices preferred for the caller's zone and the others; `mode` is
 * LOCALITY_PRIORITY (Envoy's priority levels; with several clusters `nearby`, the region's other zones,
 * is the second level), LOCALITY_FAILOVER (local while any is healthy, then the others: across
 * clusters) or a strict preference (LOCALITY_SAME_ZONE, _HINTS). `out` flags replicas out of the
 * endpoints (absent when none is): a zone whose replicas are all out has none to offer, so its calls
 * fail over; -1 when no replica is left anywhere.
 */
export function pickPreferredReplica(
  views: ClientViews,
  view: number,
  replicas: number,
  local: Int32Array,
  remote: Int32Array,
  mode: number,
  balancer: number,
  now: number,
  rng: Rng,
  out?: Uint8Array,
  nearby?: Int32Array,
): number {
  const localListed = listedAmong(local, out);
  if (localListed === 0) {
    if (out === undefined || listedAmong(remote, out) === 0) return pickReplica(views, view, replicas, balancer, now, rng, out);
    return pickAmong(views, view, remote, balancer, now, rng, out);
  }
  const remoteListed = listedAmong(remote, out);
  if (mode === LOCALITY_FAILOVER) {
    const failOver = remoteListed > 0 && healthyAmong(views, view, local, now, out) === 0;
    return pickAmong(views, view, failOver ? remote : local, balancer, now, rng, out);
  }
  if (mode !== LOCALITY_PRIORITY) return pickAmong(views, view, local, balancer, now, rng, out);
  const healthyLocal = healthyAmong(views, view, local, now, out);
  const localShare = Math.min(1, (OVERPROVISIONING_FACTOR * healthyLocal) / localListed);
  // Every zone's replicas ejected: Envoy balances over all of them (panic), as pick-replica.ts does.
  if (localShare === 0 && (remoteListed === 0 || healthyAmong(views, view, remote, now, out) === 0)) {
    return pickReplica(views, view, replicas, balancer, now, rng, out);
  }
  if (localShare >= 1 || (localShare > 0 && rng() < localShare)) return pickAmong(views, view, local, balancer, now, rng, out);
  // The next priority: the region's other zones while any of them is healthy, then every other replica
  // (the overprovisioning factor is applied at the first level only).
  if (nearby !== undefined && healthyAmong(views, view, nearby, now, out) > 0) return pickAmong(views, view, nearby, balancer, now, rng, out);
  return pickAmong(views, view, remoteListed > 0 ? remote : local, balancer, now, rng, out);
}

// --- internal ---

/** Replicas of `subset` in the endpoints. */
function listedAmong(subset: Int32Array, out: Uint8Array | undefined): number {
  if (out === undefined) return subset.length;
  let listed = 0;
  for (let i = 0; i < subset.length; i++) if (out[subset[i]] === 0) listed++;
  return listed;
}

/** Replicas of `subset` in the endpoints and not ejected in the view now. */
function healthyAmong(views: ClientViews, view: number, subset: Int32Array, now: number, out: Uint8Array | undefined): number {
  if (views.viewEjected[view] === 0) return listedAmong(subset, out);
  const base = views.viewBase[view];
  let healthy = 0;
  for (let i = 0; i < subset.length; i++) if (views.slotEjectedUntil[base + subset[i]] <= now && (out === undefined || out[subset[i]] === 0)) healthy++;
  return healthy;
}

/** The balancer's pick within `subset`'s listed replicas, skipping ejected ones while any is healthy. */
function pickAmong(views: ClientViews, view: number, subset: Int32Array, balancer: number, now: number, rng: Rng, out: Uint8Array | undefined): number {
  const count = subset.length;
  const listed = listedAmong(subset, out);
  const base = views.viewBase[view];
  if (listed === 1) return count === 1 ? subset[0] : nth(views, base, subset, 0, false, now, out);
  const healthy = healthyAmong(views, view, subset, now, out);
  const skipEjected = healthy > 0 && healthy < listed;
  const candidates = skipEjected ? healthy : listed;
  if (balancer === LB_RANDOM) return nth(views, base, subset, Math.floor(rng() * candidates), skipEjected, now, out);
  if (balancer === LB_LEAST_REQUEST || balancer === LB_EWMA) {
    const firstRank = Math.floor(rng() * candidates);
    const first = nth(views, base, subset, firstRank, skipEjected, now, out);
    if (candidates === 1) return first;
    let secondRank = Math.floor(rng() * (candidates - 1));
    if (secondRank >= firstRank) secondRank++;
    const second = nth(views, base, subset, secondRank, skipEjected, now, out);
    if (balancer === LB_LEAST_REQUEST) return views.slotActive[base + second] < views.slotActive[base + first] ? second : first;
    return ewmaCost(views, base + second, now) < ewmaCost(views, base + first, now) ? second : first;
  }
  // Round robin over the subset: the view's cursor counts positions in it.
  let position = views.viewCursor[view] % count;
  for (let tries = 0; tries < count; tries++) {
    const candidate = subset[position];
    position = position + 1 === count ? 0 : position + 1;
    if ((out === undefined || out[candidate] === 0) && (!skipEjected || views.slotEjectedUntil[base + candidate] <= now)) {
      views.viewCursor[view] = position;
      return candidate;
    }
  }
  views.viewCursor[view] = position;
  return subset[position];
}

/** The replica of rank `n` among the subset's candidates (listed ones; healthy ones when skipping ejected). */
function nth(views: ClientViews, base: number, subset: Int32Array, n: number, skipEjected: boolean, now: number, out: Uint8Array | undefined): number {
  if (!skipEjected && out === undefined) return subset[n];
  let seen = 0;
  for (let i = 0; i < subset.length; i++) {
    if (out !== undefined && out[subset[i]] === 1) continue;
    if (skipEjected && views.slotEjectedUntil[base + subset[i]] > now) continue;
    if (seen === n) return subset[i];
    seen++;
  }
  return subset[subset.length - 1];
}
