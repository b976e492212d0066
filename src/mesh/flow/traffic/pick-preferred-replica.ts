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
 * is the second level), LOCALITY_FAILOVER (local while any is healthy, then
 * the others: across clusters) or a strict preference (LOCALITY_SAME_ZONE, _HINTS).
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
  nearby?: Int32Array,
): number {
  if (local.length === 0) return pickReplica(views, view, replicas, balancer, now, rng);
  if (mode === LOCALITY_FAILOVER) {
    const failOver = remote.length > 0 && healthyAmong(views, view, local, now) === 0;
    return pickAmong(views, view, failOver ? remote : local, balancer, now, rng);
  }
  if (mode !== LOCALITY_PRIORITY) return pickAmong(views, view, local, balancer, now, rng);
  const healthyLocal = healthyAmong(views, view, local, now);
  const localShare = Math.min(1, (OVERPROVISIONING_FACTOR * healthyLocal) / local.length);
  // Every zone's replicas ejected: Envoy balances over all of them (panic), as pick-replica.ts does.
  if (localShare === 0 && (remote.length === 0 || healthyAmong(views, view, remote, now) === 0)) {
    return pickReplica(views, view, replicas, balancer, now, rng);
  }
  if (localShare >= 1 || (localShare > 0 && rng() < localShare)) return pickAmong(views, view, local, balancer, now, rng);
  // The next priority: the region's other zones while any of them is healthy, then every other replica
  // (the overprovisioning factor is applied at the first level only).
  if (nearby !== undefined && nearby.length > 0 && healthyAmong(views, view, nearby, now) > 0) return pickAmong(views, view, nearby, balancer, now, rng);
  return pickAmong(views, view, remote.length > 0 ? remote : local, balancer, now, rng);
}

// --- internal ---

/** Replicas of `subset` not ejected in the view now. */
function healthyAmong(views: ClientViews, view: number, subset: Int32Array, now: number): number {
  if (views.viewEjected[view] === 0) return subset.length;
  const base = views.viewBase[view];
  let healthy = 0;
  for (let i = 0; i < subset.length; i++) if (views.slotEjectedUntil[base + subset[i]] <= now) healthy++;
  return healthy;
}

/** The balancer's pick within `subset`, skipping ejected replicas while any is healthy. */
function pickAmong(views: ClientViews, view: number, subset: Int32Array, balancer: number, now: number, rng: Rng): number {
  const count = subset.length;
  if (count === 1) return subset[0];
  const healthy = healthyAmong(views, view, subset, now);
  const skipEjected = healthy > 0 && healthy < count;
  const candidates = skipEjected ? healthy : count;
  const base = views.viewBase[view];
  if (balancer === LB_RANDOM) return nth(views, base, subset, Math.floor(rng() * candidates), skipEjected, now);
  if (balancer === LB_LEAST_REQUEST || balancer === LB_EWMA) {
    const firstRank = Math.floor(rng() * candidates);
    const first = nth(views, base, subset, firstRank, skipEjected, now);
    if (candidates === 1) return first;
    let secondRank = Math.floor(rng() * (candidates - 1));
    if (secondRank >= firstRank) secondRank++;
    const second = nth(views, base, subset, secondRank, skipEjected, now);
    if (balancer === LB_LEAST_REQUEST) return views.slotActive[base + second] < views.slotActive[base + first] ? second : first;
    return ewmaCost(views, base + second, now) < ewmaCost(views, base + first, now) ? second : first;
  }
  // Round robin over the subset: the view's cursor counts positions in it.
  let position = views.viewCursor[view] % count;
  for (let tries = 0; tries < count; tries++) {
    const candidate = subset[position];
    position = position + 1 === count ? 0 : position + 1;
    if (!skipEjected || views.slotEjectedUntil[base + candidate] <= now) {
      views.viewCursor[view] = position;
      return candidate;
    }
  }
  views.viewCursor[view] = position;
  return subset[position];
}

/** The replica of rank `n` among the subset's candidates (healthy ones when skipping ejected). */
function nth(views: ClientViews, base: number, subset: Int32Array, n: number, skipEjected: boolean, now: number): number {
  if (!skipEjected) return subset[n];
  let seen = 0;
  for (let i = 0; i < subset.length; i++) {
    if (views.slotEjectedUntil[base + subset[i]] > now) continue;
    if (seen === n) return subset[i];
    seen++;
  }
  return subset[subset.length - 1];
}
