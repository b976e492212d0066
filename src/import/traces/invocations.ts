/**
 * Turns a trace tree into invocations: one per time a service served a request, with its own time
 * (its span minus the time it waited on its calls) and the calls it made. In-process spans (internal,
 * client, producer) belong to the service that ran them; proxy spans are stepped through (their time
 * is part of the caller's wait); a client span with no server beneath it is a call to a peer that
 * was not traced (a database, a broker, an external API).
 *
 *   frontend SERVER ─┬─ frontend CLIENT ── envoy CLIENT ── envoy SERVER ── cart SERVER ── cart CLIENT (db.system=redis)
 *                    └─ frontend INTERNAL
 *   -> frontend { calls: [cart (waited: frontend CLIENT's interval) { calls: [redis (untraced)] }] }
 */

import type { SpanNode } from "./build-traces.js";
import { isGatewayProxy, proxyKindOf, proxyWorkload, type ProxyKind } from "./proxy-spans.js";
import { peerOf } from "./span-protocol.js";
import type { Span } from "./span.js";

export interface Invocation {
  /** The service as the spans name it (a sidecar stand-in: its workload; an untraced peer: its name). */
  service: string;
  operation: string;
  startMs: number;
  endMs: number;
  /** False for a peer seen only through its callers' client spans. */
  traced: boolean;
  /** Time the service worked: its span minus its waits (for an untraced peer, its callers' round trip). */
  ownMs: number;
  calls: CallEdge[];
  /** The span the facts (protocol, sizes, instance) are read from: the server span, or the caller's client span. */
  span: Span;
  /** The caller's client or producer span, when there was one. */
  clientSpan?: Span;
  /** Set when only a sidecar's span stood for the app (the app wrote no span of its own). */
  standIn?: ProxyKind;
}

export interface CallEdge {
  callee: Invocation;
  /** What the caller waited: its client span (or its proxy's), else the callee's span. */
  startMs: number;
  endMs: number;
  /** The caller does not wait (a message handed to a broker or consumed later). */
  async: boolean;
}

/** What was stepped through or folded, for the notices. */
export interface InvocationCounts {
  proxySpans: number;
  standIns: number;
  /** Server spans of a service inside its own invocation (it called itself): folded into its own time. */
  selfCalls: number;
  /** Calls back into a service already on the call path: folded into the caller's own time. */
  cycles: number;
  /** Traces whose root was a proxy (a gateway, a sidecar) or a client span of an untraced caller. */
  enteredBelowRoot: number;
  viaGateway: number;
}

export function createInvocationCounts(): InvocationCounts {
  return { proxySpans: 0, standIns: 0, selfCalls: 0, cycles: 0, enteredBelowRoot: 0, viaGateway: 0 };
}

/**
 * The entry invocation of a trace: the first span under its root that an app wrote (or a sidecar wrote
 * for an app), with every call beneath it.
 * @returns undefined when the trace holds nothing but proxy spans that name no workload
 */
export function entryInvocation(root: SpanNode, counts: InvocationCounts): Invocation | undefined {
  let node: SpanNode | undefined = root;
  let enteredBelow = false;
  while (node) {
    const proxy = proxyKindOf(node.span);
    if (proxy && isStandIn(node)) break;
    if (!proxy && !isCallerOnly(node)) break;
    if (proxy) counts.proxySpans += 1;
    if (proxy && isGatewayProxy(node.span)) counts.viaGateway += 1;
    enteredBelow = true;
    node = node.children[0];
  }
  if (!node) return undefined;
  if (enteredBelow) counts.enteredBelowRoot += 1;
  return invocationOf(node, [], counts);
}

// --- internal ---

interface Wait {
  startMs: number;
  endMs: number;
  async: boolean;
  clientSpan?: Span;
}

/** A root client span whose only children run in other services: an untraced caller (a load generator). */
function isCallerOnly(node: SpanNode): boolean {
  return (node.span.kind === "client" || node.span.kind === "producer") && node.parent === undefined && node.children.length > 0 && node.children.every((child) => child.span.service !== node.span.service);
}

/** An inbound sidecar span with no app span beneath it stands for the app, if it names the workload. */
function isStandIn(node: SpanNode): boolean {
  if (node.span.kind !== "server" || isGatewayProxy(node.span) || proxyWorkload(node.span) === undefined) return false;
  return node.children.every((child) => proxyKindOf(child.span) !== undefined);
}

function serviceOf(node: SpanNode): string {
  return proxyKindOf(node.span) ? (proxyWorkload(node.span) ?? node.span.service) : node.span.service;
}

function invocationOf(node: SpanNode, callers: string[], counts: InvocationCounts, wait?: Wait): Invocation {
  const standIn = proxyKindOf(node.span);
  if (standIn) counts.standIns += 1;
  const invocation: Invocation = {
    service: serviceOf(node),
    operation: node.span.name,
    startMs: node.startMs,
    endMs: node.endMs,
    traced: true,
    ownMs: 0,
    calls: [],
    span: node.span,
    ...(wait?.clientSpan ? { clientSpan: wait.clientSpan } : {}),
    ...(standIn ? { standIn } : {}),
  };
  collectCalls(node, invocation, [...callers, invocation.service], counts, undefined);
  invocation.ownMs = Math.max(0, node.endMs - node.startMs - waitedMs(invocation));
  return invocation;
}

function collectCalls(node: SpanNode, invocation: Invocation, path: string[], counts: InvocationCounts, wait: Wait | undefined): void {
  for (const child of node.children) {
    const proxy = proxyKindOf(child.span);
    if (proxy && !isStandIn(child)) {
      counts.proxySpans += 1;
      collectCalls(child, invocation, path, counts, wait ?? waitOf(child));
      continue;
    }
    const service = serviceOf(child);
    const kind = child.span.kind;
    if (service === invocation.service && !proxy && (kind === "client" || kind === "producer")) {
      const before = invocation.calls.length;
      const ownWait = wait ?? waitOf(child);
      if (kind === "producer" && child.children.length > 0) {
        // A message to a broker whose consumers are in the trace: the broker, then the consumers.
        const broker = untracedPeer(child, ownWait);
        collectCalls(child, broker, [...path, broker.service], counts, undefined);
        invocation.calls.push({ callee: broker, startMs: ownWait.startMs, endMs: ownWait.endMs, async: true });
        continue;
      }
      const folded = counts.cycles + counts.selfCalls;
      collectCalls(child, invocation, path, counts, ownWait);
      // Nothing answered beneath the client span (and nothing was folded): a peer that wrote no spans.
      if (invocation.calls.length === before && counts.cycles + counts.selfCalls === folded) {
        invocation.calls.push({ callee: untracedPeer(child, ownWait), startMs: ownWait.startMs, endMs: ownWait.endMs, async: ownWait.async });
      }
      continue;
    }
    if (service === invocation.service && !proxy && kind === "internal") {
      collectCalls(child, invocation, path, counts, wait);
      continue;
    }
    if (service === invocation.service) {
      counts.selfCalls += 1;
      collectCalls(child, invocation, path, counts, wait);
      continue;
    }
    if (path.includes(service)) {
      // A call back into a service on the path would make the scenario's call tree recurse:
      // its time stays in the caller's own time (it is not counted as a wait).
      counts.cycles += 1;
      continue;
    }
    const callWait = wait ?? waitOf(child);
    const asynchronous = callWait.async || child.span.kind === "consumer" || child.span.followsFrom === true;
    const callee = invocationOf(child, path, counts, callWait);
    invocation.calls.push({ callee, startMs: callWait.startMs, endMs: callWait.endMs, async: asynchronous });
  }
}

function waitOf(node: SpanNode): Wait {
  const kind = node.span.kind;
  return {
    startMs: node.startMs,
    endMs: node.endMs,
    async: kind === "producer",
    ...(kind === "client" || kind === "producer" ? { clientSpan: node.span } : {}),
  };
}

function untracedPeer(node: SpanNode, wait: Wait): Invocation {
  const peer = peerOf(node.span);
  return {
    service: peer.name ?? `${node.span.service}-${node.span.name}`,
    operation: node.span.name,
    startMs: wait.startMs,
    endMs: wait.endMs,
    traced: false,
    ownMs: node.endMs - node.startMs,
    calls: [],
    span: node.span,
    clientSpan: node.span,
  };
}

/** The length of the union of the synchronous waits inside the invocation's span, ms. */
function waitedMs(invocation: Invocation): number {
  const intervals = invocation.calls
    .map((call) => [Math.max(call.startMs, invocation.startMs), Math.min(call.endMs, invocation.endMs)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  if (intervals.length === 0) return 0;
  let total = 0;
  let [currentStart, currentEnd] = intervals[0];
  for (const [start, end] of intervals.slice(1)) {
    if (start > currentEnd) {
      total += currentEnd - currentStart;
      currentStart = start;
      currentEnd = end;
    } else {
      currentEnd = Math.max(currentEnd, end);
    }
  }
  return total + currentEnd - currentStart;
}
