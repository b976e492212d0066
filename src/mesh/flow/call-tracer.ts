/**
 * Records the spans of sampled requests as the request flow runs them: a client span per call
 * iteration (the caller's wait), a server span per time an app serves a call (from the start of its
 * own work to its answer), and a span per proxy a try passes through (from the request entering it
 * to the response leaving it). A trace is handed to the sink when its last activation (asynchronous
 * hand-offs included) is freed, so memory holds only traces in flight. The flow calls in here only
 * when traces are asked for; unsampled requests cost one array write per activation.
 *
 *   client(A) ── proxy(A's sidecar) ── proxy(B's sidecar) ── server(B) ── client(B) ── ...
 */

import type { ServiceNetwork } from "../compile/index.js";
import { CONNECT_STEP_OFFSET } from "../compile/index.js";
import type { ActivationFields, ActivationPool } from "./activation-pool.js";
import { grown } from "../compile/index.js";
import type { CallFields } from "./call-fields.js";

export const SPAN_CLIENT = 0;
export const SPAN_SERVER = 1;
export const SPAN_PROXY = 2;

/** One span of a traced request, in simulated time; `parent` indexes the trace's spans (-1: none). */
export interface TracedSpan {
  kind: typeof SPAN_CLIENT | typeof SPAN_SERVER | typeof SPAN_PROXY;
  parent: number;
  startMs: number;
  endMs: number;
  /** The call program node of the call. */
  callNode: number;
  callerPod: number;
  /** The pod that served (or was sent) the call; -1 when it was never sent. */
  calleePod: number;
  /** Proxy spans: the proxy's station; else -1. */
  station: number;
  /** Proxy spans: 1 when the pass is on the callee's side of the network (inbound). */
  calleeSide: number;
  /** The caller does not wait for the call. */
  async: boolean;
  /** Failure reason code (FAILURE_REASONS), 0 for none. */
  failure: number;
}

/** Decides which requests are traced and takes their spans. */
export interface TraceSink {
  /** Whether the `index`-th request of the run (0-based, in start order), sent at `intendedStartMs`, is traced. */
  sampled(index: number, intendedStartMs: number): boolean;
  /** All spans of a traced request, once nothing of it runs any more. */
  traced(index: number, requestType: number, spans: TracedSpan[]): void;
}

/** Per-activation trace state, struct-of-arrays like CallFields. */
class TraceFields implements ActivationFields {
  /** Open trace slot + 1; 0 when the activation is not traced. */
  trace: Int32Array;
  /** The call's client span (this iteration), -1 for none. */
  client: Int32Array;
  /** The span the activation's client spans hang under: its caller's server span. */
  callerContext: Int32Array;
  /** The span the activation's own calls hang under (its server span; a group's: its parent's). */
  context: Int32Array;
  /** The innermost span of the current try's request path (the last proxy entered, else the client span). */
  innermost: Int32Array;
  server: Int32Array;

  constructor(capacity: number) {
    this.trace = new Int32Array(capacity);
    this.client = new Int32Array(capacity);
    this.callerContext = new Int32Array(capacity);
    this.context = new Int32Array(capacity);
    this.innermost = new Int32Array(capacity);
    this.server = new Int32Array(capacity);
  }

  grow(capacity: number): void {
    this.trace = grown(this.trace, capacity);
    this.client = grown(this.client, capacity);
    this.callerContext = grown(this.callerContext, capacity);
    this.context = grown(this.context, capacity);
    this.innermost = grown(this.innermost, capacity);
    this.server = grown(this.server, capacity);
  }
}

interface OpenTrace {
  index: number;
  requestType: number;
  spans: TracedSpan[];
  /** Activations of the request still allocated. */
  live: number;
}

/** Link indices below this are paths between nodes (ServiceNetwork.linkBetween); above, pure delays. */
const NODE_PATHS = 3;

export class CallTracer {
  readonly #sink: TraceSink;
  readonly #acts: CallFields;
  readonly #fields: TraceFields;
  readonly #network: ServiceNetwork;
  readonly #now: () => number;
  /** Per station: 1 for a proxy (a pass worth a span). */
  readonly #isProxy: Uint8Array;
  readonly #open: Array<OpenTrace | undefined> = [];
  readonly #freeSlots: number[] = [];
  #requests = 0;

  constructor(sink: TraceSink, pool: ActivationPool, acts: CallFields, network: ServiceNetwork, now: () => number) {
    this.#sink = sink;
    this.#acts = acts;
    this.#fields = pool.attach(new TraceFields(pool.capacity));
    this.#network = network;
    this.#now = now;
    this.#isProxy = Uint8Array.from(network.stationPassCost.map((cost) => (cost === undefined ? 0 : 1)));
    pool.onFree((act) => this.#freed(act));
  }

  /** A request root starts: sampled or not, by its index in the run. */
  requestStarted(act: number, requestType: number, intendedStartMs: number): void {
    const fields = this.#fields;
    const index = this.#requests++;
    fields.trace[act] = 0;
    if (!this.#sink.sampled(index, intendedStartMs)) return;
    const slot = this.#freeSlots.length > 0 ? this.#freeSlots.pop()! : this.#open.length;
    this.#open[slot] = { index, requestType, spans: [], live: 1 };
    fields.trace[act] = slot + 1;
    fields.client[act] = -1;
    fields.callerContext[act] = -1;
    fields.context[act] = -1;
    fields.innermost[act] = -1;
    fields.server[act] = -1;
  }

  /** `act` was started by `from` (a child call or group, or an asynchronous hand-off). */
  spawned(act: number, from: number): void {
    const fields = this.#fields;
    const trace = fields.trace[from];
    fields.trace[act] = trace;
    if (trace === 0) return;
    this.#open[trace - 1]!.live++;
    fields.client[act] = -1;
    fields.callerContext[act] = fields.context[from];
    fields.context[act] = fields.context[from];
    fields.innermost[act] = -1;
    fields.server[act] = -1;
  }

  /** `to` carries the call of `from` on (a timeout); `from` finishes unobserved, its passes still recorded. */
  tookOver(from: number, to: number): void {
    const fields = this.#fields;
    const trace = fields.trace[from];
    fields.trace[to] = trace;
    if (trace === 0) return;
    this.#open[trace - 1]!.live++;
    fields.client[to] = fields.client[from];
    fields.callerContext[to] = fields.callerContext[from];
    fields.context[to] = fields.context[from];
    fields.innermost[to] = fields.client[from];
    fields.server[to] = -1;
    fields.client[from] = -1;
  }

  /** An iteration of a call starts (the root's has no client span: the load generator writes none). */
  callStarted(act: number): void {
    const trace = this.#traceOf(act);
    if (trace === undefined) return;
    const acts = this.#acts;
    const fields = this.#fields;
    if (acts.isRoot[act] === 1) {
      fields.client[act] = -1;
      return;
    }
    fields.client[act] = this.#push(trace, SPAN_CLIENT, fields.callerContext[act], act, -1, 0);
  }

  /** A try is sent to `acts.calleePod[act]`: its passes hang under the client span again. */
  sent(act: number): void {
    const trace = this.#traceOf(act);
    if (trace === undefined) return;
    const fields = this.#fields;
    const client = fields.client[act];
    fields.innermost[act] = client;
    if (client >= 0) trace.spans[client].calleePod = this.#acts.calleePod[act];
  }

  /** The call arrived at `station`, at `position` in the network's steps. */
  arrived(act: number, station: number, position: number): void {
    if (this.#isProxy[station] === 0 || this.#acts.phase[act] !== 0) return;
    const trace = this.#traceOf(act);
    if (trace === undefined) return;
    const fields = this.#fields;
    fields.innermost[act] = this.#push(trace, SPAN_PROXY, fields.innermost[act], act, station, crossedNodesBefore(this.#network, this.#acts.chain[act], position));
  }

  /** A station finished its step for the call: on the way back, a proxy's span ends. */
  served(act: number): void {
    const acts = this.#acts;
    if (acts.phase[act] !== 1) return;
    const network = this.#network;
    const station = network.chains.steps[network.chains.chainStart[acts.chain[act]] + acts.leg[act] - 1];
    if (this.#isProxy[station] === 0) return;
    const trace = this.#traceOf(act);
    if (trace === undefined) return;
    const spans = trace.spans;
    for (let span = this.#fields.innermost[act]; span >= 0 && spans[span].kind === SPAN_PROXY; span = spans[span].parent) {
      if (spans[span].station === station && Number.isNaN(spans[span].endMs)) {
        spans[span].endMs = this.#now();
        return;
      }
    }
  }

  /** The callee's app starts its own work for the call. */
  appStarted(act: number): void {
    const trace = this.#traceOf(act);
    if (trace === undefined) return;
    const fields = this.#fields;
    const server = this.#push(trace, SPAN_SERVER, fields.innermost[act], act, -1, 1);
    fields.server[act] = server;
    fields.context[act] = server;
  }

  /** The callee's app answers (its calls are done). */
  responded(act: number): void {
    const trace = this.#traceOf(act);
    if (trace === undefined) return;
    const server = this.#fields.server[act];
    if (server < 0) return;
    trace.spans[server].endMs = this.#now();
    trace.spans[server].failure = this.#acts.failure[act];
  }

  /** An iteration of a call or group is over: the call's client span and any pass left open end. */
  iterationEnded(act: number): void {
    const trace = this.#traceOf(act);
    if (trace === undefined) return;
    const fields = this.#fields;
    const now = this.#now();
    const spans = trace.spans;
    for (let span = fields.innermost[act]; span >= 0 && spans[span].kind === SPAN_PROXY; span = spans[span].parent) {
      if (Number.isNaN(spans[span].endMs)) spans[span].endMs = now;
    }
    const client = fields.client[act];
    if (client >= 0) {
      spans[client].endMs = now;
      spans[client].failure = this.#acts.failure[act];
      fields.client[act] = -1;
    }
    fields.innermost[act] = -1;
  }

  // --- internal ---

  #traceOf(act: number): OpenTrace | undefined {
    const trace = this.#fields.trace[act];
    return trace === 0 ? undefined : this.#open[trace - 1];
  }

  #push(trace: OpenTrace, kind: TracedSpan["kind"], parent: number, act: number, station: number, calleeSide: number): number {
    const acts = this.#acts;
    trace.spans.push({
      kind,
      parent,
      startMs: this.#now(),
      endMs: Number.NaN,
      callNode: acts.node[act],
      callerPod: acts.callerPod[act],
      calleePod: kind === SPAN_CLIENT ? -1 : acts.calleePod[act],
      station,
      calleeSide,
      async: acts.parent[act] < 0 && acts.isRoot[act] === 0,
      failure: 0,
    });
    return trace.spans.length - 1;
  }

  #freed(act: number): void {
    const fields = this.#fields;
    const slot = fields.trace[act] - 1;
    if (slot < 0) return;
    fields.trace[act] = 0;
    const trace = this.#open[slot]!;
    if (--trace.live > 0) return;
    this.#open[slot] = undefined;
    this.#freeSlots.push(slot);
    for (const span of trace.spans) if (Number.isNaN(span.endMs)) span.endMs = span.startMs;
    this.#sink.traced(trace.index, trace.requestType, trace.spans);
  }
}

/** 1 when a path between nodes comes before `position` (in the network's steps) in its chain `chain`. O(chain length), per traced pass. */
function crossedNodesBefore(network: ServiceNetwork, chain: number, position: number): number {
  const { steps, chainStart } = network.chains;
  for (let at = chainStart[chain]; at < position; at++) {
    const step = steps[at];
    if (step >= 0) continue;
    const encoded = -step - 1;
    const link = encoded >= CONNECT_STEP_OFFSET ? encoded - CONNECT_STEP_OFFSET : encoded;
    if (link < NODE_PATHS) return 1;
  }
  return 0;
}
