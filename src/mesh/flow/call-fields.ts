/**
 * The call tree's per-activation state, written only by RequestFlow: which node of the call
 * program an activation runs, who waits for it, where its request is on its chain, and how it
 * failed. Struct-of-arrays indexed by activation id (see ActivationPool).
 */

import type { ActivationFields } from "./activation-pool.js";
import { grown } from "../compile/index.js";

export class CallFields implements ActivationFields {
  node: Int32Array;
  /** Parent activation waiting for this one, or -1 (a request root or an async hand-off). */
  parent: Int32Array;
  /** Next child to start (calls, sequences) or children still running (parallel). */
  cursor: Int32Array;
  repeatsLeft: Int32Array;
  callerPod: Int32Array;
  calleePod: Int32Array;
  /** The (caller pod, callee pod) pair's number (PodPairs), set with calleePod. */
  pair: Int32Array;
  chain: Int32Array;
  leg: Int32Array;
  /** 0 while the request travels to the callee, 1 while the response travels back. */
  phase: Uint8Array;
  /** 1 for a request root (its completion is a measured request). */
  isRoot: Uint8Array;
  /** The request type index (children carry their root's: apps propagate its headers). */
  requestType: Int32Array;
  /** Request roots: the workload's tag (closed-loop user, or -1). */
  tag: Int32Array;
  /** Request roots: intended send time, ms (latency is measured from it, as wrk2 does). */
  startTime: Float64Array;
  /** Failure reason code (0: none); a failed child fails its parent. */
  failure: Uint8Array;
  /** 1 when the failure came from one of the callee's own calls (the caller sees the callee's 5xx). */
  inherited: Uint8Array;
  /** Calls: traffic host (the name the call used). */
  host: Int32Array;
  /** Calls: when the current attempt left the caller, ms (only kept while calls are recorded). */
  sentTime: Float64Array;

  constructor(capacity: number) {
    this.node = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.cursor = new Int32Array(capacity);
    this.repeatsLeft = new Int32Array(capacity);
    this.callerPod = new Int32Array(capacity);
    this.calleePod = new Int32Array(capacity);
    this.pair = new Int32Array(capacity);
    this.chain = new Int32Array(capacity);
    this.leg = new Int32Array(capacity);
    this.phase = new Uint8Array(capacity);
    this.isRoot = new Uint8Array(capacity);
    this.requestType = new Int32Array(capacity);
    this.tag = new Int32Array(capacity);
    this.startTime = new Float64Array(capacity);
    this.failure = new Uint8Array(capacity);
    this.inherited = new Uint8Array(capacity);
    this.host = new Int32Array(capacity);
    this.sentTime = new Float64Array(capacity);
  }

  /**
   * Sets `act` up as a new child activation running `node` for `parent` (-1: nobody waits),
   * `repeats` times, issued from `callerPod`, carrying request type `requestType`.
   */
  start(act: number, node: number, parent: number, requestType: number, repeats: number, callerPod: number): void {
    this.node[act] = node;
    this.parent[act] = parent;
    this.isRoot[act] = 0;
    this.requestType[act] = requestType;
    this.repeatsLeft[act] = repeats;
    this.callerPod[act] = callerPod;
    this.failure[act] = 0;
    this.inherited[act] = 0;
  }

  /**
   * Copies what identifies the call of `from` (its place in the tree, its request, its caller
   * and host) onto `to`; where the call is on its chain and how it failed are not copied.
   */
  copyCall(from: number, to: number): void {
    this.node[to] = this.node[from];
    this.parent[to] = this.parent[from];
    this.isRoot[to] = this.isRoot[from];
    this.requestType[to] = this.requestType[from];
    this.tag[to] = this.tag[from];
    this.startTime[to] = this.startTime[from];
    this.repeatsLeft[to] = this.repeatsLeft[from];
    this.callerPod[to] = this.callerPod[from];
    this.host[to] = this.host[from];
  }

  grow(capacity: number): void {
    this.node = grown(this.node, capacity);
    this.parent = grown(this.parent, capacity);
    this.cursor = grown(this.cursor, capacity);
    this.repeatsLeft = grown(this.repeatsLeft, capacity);
    this.callerPod = grown(this.callerPod, capacity);
    this.calleePod = grown(this.calleePod, capacity);
    this.pair = grown(this.pair, capacity);
    this.chain = grown(this.chain, capacity);
    this.leg = grown(this.leg, capacity);
    this.phase = grown(this.phase, capacity);
    this.isRoot = grown(this.isRoot, capacity);
    this.requestType = grown(this.requestType, capacity);
    this.tag = grown(this.tag, capacity);
    this.startTime = grown(this.startTime, capacity);
    this.failure = grown(this.failure, capacity);
    this.inherited = grown(this.inherited, capacity);
    this.host = grown(this.host, capacity);
    this.sentTime = grown(this.sentTime, capacity);
  }
}
