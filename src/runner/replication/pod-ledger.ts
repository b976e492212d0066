/**
 * What an autoscaled run's pods did over the measured window: how long each pod was bound to a
 * node (starting or ready), how many waited pending for room and for how long, what the nodes'
 * requests were over time, and the runs of constant pod counts that the deployment's fixed costs
 * (sidecar memory and idle CPU, the control plane's memory) are weighed over. Changes come only at
 * the autoscaler's syncs, so it holds O(pods + syncs), nothing per request.
 */

import type { NodeRoom } from "../../cluster/index.js";

/** A stretch of the window in which each service's bound pods stayed the same. */
export interface PodCountSpan {
  durationMs: number;
  /** Bound pods per service, scenario order. */
  pods: number[];
}

/** What a replication reports of its autoscaled pods (plain data). */
export interface PodLedgerTotals {
  /** Per pod (the network's pod order), the share of the window it was bound to a node, 0..1. */
  podShare: number[];
  /** Per service (scenario order): most pods pending at once, and pending pod-milliseconds, in the window. */
  pending: Array<{ peak: number; podMs: number }>;
  /** Per node, its requests averaged over the window (only with declared machines). */
  nodeRequested?: Array<{ vcpu: number; memoryMb: number }>;
  /** The window cut where bound pod counts changed. */
  spans: PodCountSpan[];
}

/**
 * Integrates bound and pending pods over [windowStartMs, windowEndMs). Call `advance(now)` before
 * every change of `bound`/`pending`, and once at the window's end.
 * @example const ledger = new PodLedger(servicePods, bound, pending, 0, 1000); ledger.advance(1000);
 */
export class PodLedger {
  readonly #servicePods: readonly Int32Array[];
  readonly #bound: Int32Array;
  readonly #pending: Int32Array;
  readonly #room: NodeRoom | undefined;
  readonly #startMs: number;
  readonly #endMs: number;
  readonly #boundMs: Float64Array;
  readonly #pendingMs: Float64Array;
  readonly #peakPending: Int32Array;
  readonly #requestedVcpuMs: Float64Array;
  readonly #requestedMbMs: Float64Array;
  readonly #spans: PodCountSpan[] = [];
  #lastMs: number;

  /**
   * `bound[s]` and `pending[s]` are live arrays the autoscaler changes (a service's first bound[s]
   * pods are the bound ones); `room`, when machines are declared, gives the nodes' requests.
   */
  constructor(podCount: number, servicePods: readonly Int32Array[], bound: Int32Array, pending: Int32Array, room: NodeRoom | undefined, windowStartMs: number, windowEndMs: number) {
    this.#servicePods = servicePods;
    this.#bound = bound;
    this.#pending = pending;
    this.#room = room;
    this.#startMs = windowStartMs;
    this.#endMs = windowEndMs;
    this.#boundMs = new Float64Array(podCount);
    this.#pendingMs = new Float64Array(servicePods.length);
    this.#peakPending = new Int32Array(servicePods.length);
    this.#requestedVcpuMs = new Float64Array(room?.nodeCount ?? 0);
    this.#requestedMbMs = new Float64Array(room?.nodeCount ?? 0);
    this.#lastMs = windowStartMs;
  }

  /** Counts the state since the last call up to `nowMs` (clipped to the window). O(pods + nodes). */
  advance(nowMs: number): void {
    const from = Math.max(this.#lastMs, this.#startMs);
    const to = Math.min(nowMs, this.#endMs);
    if (nowMs > this.#lastMs) this.#lastMs = nowMs;
    if (to <= from) return;
    const durationMs = to - from;
    this.#servicePods.forEach((pods, service) => {
      for (let replica = 0; replica < pods.length; replica++) if (replica < this.#bound[service]) this.#boundMs[pods[replica]] += durationMs;
      this.#pendingMs[service] += this.#pending[service] * durationMs;
    });
    if (this.#room) {
      for (let node = 0; node < this.#room.nodeCount; node++) {
        const requested = this.#room.requested(node);
        this.#requestedVcpuMs[node] += requested.vcpu * durationMs;
        this.#requestedMbMs[node] += requested.memoryMb * durationMs;
      }
    }
    const pods = Array.from(this.#bound);
    const last = this.#spans.at(-1);
    if (last && last.pods.every((count, service) => count === pods[service])) last.durationMs += durationMs;
    else this.#spans.push({ durationMs, pods });
  }

  /** Notes the pending pods now, for the peak (call after a change). */
  notePending(nowMs: number): void {
    if (nowMs < this.#startMs || nowMs >= this.#endMs) return;
    this.#pending.forEach((count, service) => (this.#peakPending[service] = Math.max(this.#peakPending[service], count)));
  }

  /** The totals; call after advancing to the window's end. */
  totals(): PodLedgerTotals {
    return this.#totalsOver(this.#endMs - this.#startMs);
  }

  /** The totals from the window's opening to `nowMs` (within the window), shares of that time. */
  totalsSoFar(nowMs: number): PodLedgerTotals {
    this.advance(nowMs);
    return this.#totalsOver(Math.min(nowMs, this.#endMs) - this.#startMs);
  }

  // --- internal ---

  #totalsOver(windowMs: number): PodLedgerTotals {
    const share = (ms: number) => (windowMs > 0 ? ms / windowMs : 0);
    return {
      podShare: Array.from(this.#boundMs, share),
      pending: Array.from(this.#pendingMs, (podMs, service) => ({ peak: this.#peakPending[service], podMs })),
      ...(this.#room ? { nodeRequested: Array.from(this.#requestedVcpuMs, (vcpuMs, node) => ({ vcpu: share(vcpuMs), memoryMb: share(this.#requestedMbMs[node]) })) } : {}),
      spans: this.#spans,
    };
  }
}
