/**
 * Load balancers as the meshes implement them, choosing a replica within one client's view:
 * round robin and random (Envoy, Traefik), least request by the power of two choices (Envoy's
 * LEAST_REQUEST: the fewer outstanding calls of two random replicas), and peak EWMA (linkerd2-
 * proxy and Finagle: two random replicas, the lower of latency estimate x (outstanding + 1)).
 * Ejected replicas are skipped unless fewer than half are healthy (Envoy's panic threshold).
 */

import type { Rng } from "../../../random/index.js";
import type { ClientViews } from "./client-views.js";
import { LB_EWMA, LB_LEAST_REQUEST, LB_RANDOM } from "../../compile/index.js";

/**
 * linkerd2-proxy's peak-EWMA decay: an estimate halves its weight every ~7 s (tau 10 s)
 * (linkerd2-proxy `DEFAULT_EWMA_DECAY`, 10 s; tower's PeakEwma).
 */
export const EWMA_DECAY_MS = 10_000;
/** linkerd2-proxy's `DEFAULT_EWMA_DEFAULT_RTT` (30 ms): the estimate of a replica never measured. */
export const EWMA_DEFAULT_RTT_MS = 30;

/**
 * Returns the replica index (within the service's pods) the view sends the next call to, among
 * the first `replicas` (the pods in balancing: an autoscaler keeps its active pods first).
 * `out` flags replicas out of the Service's endpoints (absent when none is): they are never
 * picked, and -1 comes back when every replica is out.
 */
export function pickReplica(views: ClientViews, view: number, replicas: number, balancer: number, now: number, rng: Rng, out?: Uint8Array): number {
  if (out !== undefined) return pickListedReplica(views, view, replicas, balancer, now, rng, out);
  if (replicas === 1) return 0;
  const base = views.viewBase[view];
  const healthy = healthyCount(views, view, replicas, now);
  // Envoy's panic mode: below 50% healthy it balances over every replica.
  const skipEjected = healthy < replicas && healthy * 2 >= replicas;
  const candidates = skipEjected ? healthy : replicas;
  if (balancer === LB_RANDOM) return nthCandidate(views, base, replicas, Math.floor(rng() * candidates), skipEjected, now);
  if (balancer === LB_LEAST_REQUEST || balancer === LB_EWMA) {
    const first = nthCandidate(views, base, replicas, Math.floor(rng() * candidates), skipEjected, now);
    if (candidates === 1) return first;
    // A second, distinct draw: uniform over the other candidates.
    let second = Math.floor(rng() * (candidates - 1));
    const firstRank = rankOf(views, base, first, skipEjected, now);
    if (second >= firstRank) second++;
    const other = nthCandidate(views, base, replicas, second, skipEjected, now);
    if (balancer === LB_LEAST_REQUEST) return views.slotActive[base + other] < views.slotActive[base + first] ? other : first;
    return ewmaCost(views, base + other, now) < ewmaCost(views, base + first, now) ? other : first;
  }
  // Round robin: the next replica in order that is not ejected.
  // An autoscaler's scale-down may leave the cursor past the replicas still in balancing.
  let replica = views.viewCursor[view] < replicas ? views.viewCursor[view] : 0;
  for (let tries = 0; tries < replicas; tries++) {
    const candidate = replica;
    replica = replica + 1 === replicas ? 0 : replica + 1;
    if (!skipEjected || views.slotEjectedUntil[base + candidate] <= now) {
      views.viewCursor[view] = replica;
      return candidate;
    }
  }
  views.viewCursor[view] = replica;
  return replica;
}

/** Records a finished call's latency in the replica's peak-EWMA estimate (tower's update). */
export function observeLatency(views: ClientViews, slot: number, rttMs: number, now: number): void {
  const estimate = views.slotEwmaMs[slot];
  if (rttMs > estimate) {
    views.slotEwmaMs[slot] = rttMs;
  } else {
    const decay = Math.exp(-(now - views.slotEwmaAt[slot]) / EWMA_DECAY_MS);
    views.slotEwmaMs[slot] = estimate * decay + rttMs * (1 - decay);
  }
  views.slotEwmaAt[slot] = now;
}

// --- internal ---

/**
 * pickReplica when some replicas are out of the endpoints: the proxies no longer know them, so
 * the panic threshold and the draws count only the listed ones. A separate path so the usual
 * one draws exactly as before.
 */
function pickListedReplica(views: ClientViews, view: number, replicas: number, balancer: number, now: number, rng: Rng, out: Uint8Array): number {
  const base = views.viewBase[view];
  let listed = 0;
  let healthy = 0;
  for (let i = 0; i < replicas; i++) {
    if (out[i] === 1) continue;
    listed++;
    if (views.slotEjectedUntil[base + i] <= now) healthy++;
  }
  if (listed === 0) return -1;
  const skipEjected = healthy < listed && healthy * 2 >= listed;
  const candidates = skipEjected ? healthy : listed;
  if (balancer === LB_RANDOM) return nthListed(views, base, replicas, out, Math.floor(rng() * candidates), skipEjected, now);
  if (balancer === LB_LEAST_REQUEST || balancer === LB_EWMA) {
    const firstRank = Math.floor(rng() * candidates);
    const first = nthListed(views, base, replicas, out, firstRank, skipEjected, now);
    if (candidates === 1) return first;
    let secondRank = Math.floor(rng() * (candidates - 1));
    if (secondRank >= firstRank) secondRank++;
    const other = nthListed(views, base, replicas, out, secondRank, skipEjected, now);
    if (balancer === LB_LEAST_REQUEST) return views.slotActive[base + other] < views.slotActive[base + first] ? other : first;
    return ewmaCost(views, base + other, now) < ewmaCost(views, base + first, now) ? other : first;
  }
  let replica = views.viewCursor[view] < replicas ? views.viewCursor[view] : 0;
  for (let tries = 0; tries < replicas; tries++) {
    const candidate = replica;
    replica = replica + 1 === replicas ? 0 : replica + 1;
    if (out[candidate] === 0 && (!skipEjected || views.slotEjectedUntil[base + candidate] <= now)) {
      views.viewCursor[view] = replica;
      return candidate;
    }
  }
  return nthListed(views, base, replicas, out, 0, false, now);
}

/** The listed replica of rank `n` (among the healthy ones when skipping ejected). */
function nthListed(views: ClientViews, base: number, replicas: number, out: Uint8Array, n: number, skipEjected: boolean, now: number): number {
  let seen = 0;
  for (let i = 0; i < replicas; i++) {
    if (out[i] === 1 || (skipEjected && views.slotEjectedUntil[base + i] > now)) continue;
    if (seen === n) return i;
    seen++;
  }
  return -1;
}

/** Cost of a replica: its estimate decayed toward 0 since the last update, times outstanding + 1. */
export function ewmaCost(views: ClientViews, slot: number, now: number): number {
  observeLatency(views, slot, 0, now);
  return views.slotEwmaMs[slot] * (views.slotActive[slot] + 1);
}

/** Replicas of the view not ejected now (recounting, and refreshing the view's ejected count). */
export function healthyCount(views: ClientViews, view: number, replicas: number, now: number): number {
  if (views.viewEjected[view] === 0) return replicas;
  const base = views.viewBase[view];
  let healthy = 0;
  for (let i = 0; i < replicas; i++) if (views.slotEjectedUntil[base + i] <= now) healthy++;
  views.viewEjected[view] = replicas - healthy;
  return healthy;
}

function nthCandidate(views: ClientViews, base: number, replicas: number, n: number, skipEjected: boolean, now: number): number {
  if (!skipEjected) return n;
  let seen = 0;
  for (let i = 0; i < replicas; i++) {
    if (views.slotEjectedUntil[base + i] > now) continue;
    if (seen === n) return i;
    seen++;
  }
  return replicas - 1;
}

function rankOf(views: ClientViews, base: number, replica: number, skipEjected: boolean, now: number): number {
  if (!skipEjected) return replica;
  let rank = 0;
  for (let i = 0; i < replica; i++) if (views.slotEjectedUntil[base + i] <= now) rank++;
  return rank;
}
