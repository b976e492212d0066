/**
 * Joins spans into one tree per trace, repairing what real trace files get wrong and counting every
 * repair: duplicate spans, Zipkin's shared client/server ids, parent links that loop, spans whose
 * parent is missing (attached under the span that encloses them in time, else dropped), traces whose
 * root is missing, and clock skew between hosts (a child outside its parent is moved inside it, as
 * Jaeger's UI does); a trace with a span longer than a day is left out.
 */

import { MAX_TIME_MS } from "../../scenario/index.js";
import type { Span } from "./span.js";

/** A span with its place in the tree. Times may be moved for clock skew, so they are kept here. */
export interface SpanNode {
  span: Span;
  startMs: number;
  endMs: number;
  parent?: SpanNode;
  children: SpanNode[];
}

export interface TraceTree {
  traceId: string;
  root: SpanNode;
  /** Spans in the tree. */
  size: number;
}

/** What the repairs did, for the notices. */
export interface TraceRepairs {
  duplicateSpans: number;
  /** Spans whose parent was missing, attached under the span that encloses them. */
  orphansAttached: number;
  /** Spans dropped because their parent was missing and no span enclosed them (with their subtrees). */
  orphansDropped: number;
  /** Traces whose root span is missing: their earliest top span was taken as the root. */
  rootsMissing: number;
  /** Spans in parent loops (their parent links were cut, then handled as orphans). */
  cycleSpans: number;
  /** Spans moved into their parent for clock skew (with their subtrees). */
  skewShifted: number;
  /** Spans longer than their parent on another host: started with the parent, left sticking out. */
  longerThanParent: number;
  /** Traces dropped whole because a span lasts longer than any scenario time may (MAX_TIME_MS). */
  tracesTooLong: number;
}

/**
 * Builds one tree per trace id, in order of their root's start (ties by trace id), so the result
 * does not depend on the order of the files or spans.
 * @example buildTraces(spans).traces[0].root.span.service // "frontend"
 */
export function buildTraces(spans: readonly Span[]): { traces: TraceTree[]; repairs: TraceRepairs } {
  const repairs: TraceRepairs = { duplicateSpans: 0, orphansAttached: 0, orphansDropped: 0, rootsMissing: 0, cycleSpans: 0, skewShifted: 0, longerThanParent: 0, tracesTooLong: 0 };
  const byTrace = new Map<string, Span[]>();
  for (const span of spans) {
    const list = byTrace.get(span.traceId);
    if (list) list.push(span);
    else byTrace.set(span.traceId, [span]);
  }
  const traces: TraceTree[] = [];
  for (const [traceId, traceSpans] of byTrace) {
    // A span over a day (a stream held open for days, or a broken clock) would give a service time or
    // round trip no scenario can hold; the trace is left out rather than cut.
    if (traceSpans.some((span) => span.endMs - span.startMs > MAX_TIME_MS)) {
      repairs.tracesTooLong += 1;
      continue;
    }
    const tree = buildTree(traceId, traceSpans, repairs);
    if (tree) traces.push(tree);
  }
  traces.sort((a, b) => a.root.startMs - b.root.startMs || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0));
  return { traces, repairs };
}

/** Clock differences below this (ms) are rounding, not skew. */
export const SKEW_TOLERANCE_MS = 0.001;

// --- internal ---

function buildTree(traceId: string, spans: Span[], repairs: TraceRepairs): TraceTree | undefined {
  const nodes = new Map<string, SpanNode>();
  const ordered = [...spans].sort(compareSpans);
  const sharedServers: SpanNode[] = [];
  for (const span of ordered) {
    const node: SpanNode = { span, startMs: span.startMs, endMs: span.endMs, children: [] };
    const existing = nodes.get(span.spanId);
    if (!existing) {
      nodes.set(span.spanId, node);
    } else if (span.kind === "server" && existing.span.kind === "client" && existing.span.service !== span.service) {
      // Zipkin B3: the server answers under the client's id; it becomes the client's child.
      sharedServers.push(node);
    } else if (span.kind === "client" && existing.span.kind === "server" && existing.span.service !== span.service) {
      nodes.set(span.spanId, node);
      sharedServers.push(existing);
    } else {
      repairs.duplicateSpans += 1;
    }
  }
  const parentOf = new Map<SpanNode, SpanNode | undefined>();
  for (const node of nodes.values()) parentOf.set(node, node.span.parentId === undefined ? undefined : nodes.get(node.span.parentId));
  for (const server of sharedServers) parentOf.set(server, nodes.get(server.span.spanId));
  const all = [...nodes.values(), ...sharedServers];
  // Children of a shared id that run in the server's service belong under the server.
  const serverOf = new Map(sharedServers.map((server) => [server.span.spanId, server]));
  for (const node of all) {
    const parent = parentOf.get(node);
    const server = node.span.parentId !== undefined ? serverOf.get(node.span.parentId) : undefined;
    if (parent && server && server !== node && node.span.service === server.span.service) parentOf.set(node, server);
  }
  cutCycles(all, parentOf, repairs);

  const tops: SpanNode[] = [];
  for (const node of all) {
    const parent = parentOf.get(node);
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      tops.push(node);
    }
  }
  // The root: the earliest span without a parent id; else (the root was lost, or an untraced
  // caller such as the load generator started the trace) the earliest top span.
  const trueRoots = tops.filter((node) => node.span.parentId === undefined);
  const root = (trueRoots.length > 0 ? trueRoots : tops).reduce((best, node) => (node.startMs < best.startMs ? node : best), tops[0]);
  if (!root) return undefined;
  if (trueRoots.length === 0) repairs.rootsMissing += 1;
  for (const orphan of tops) {
    if (orphan === root) continue;
    const host = deepestEnclosing(root, orphan);
    if (host) {
      orphan.parent = host;
      host.children.push(orphan);
      repairs.orphansAttached += 1;
    } else {
      repairs.orphansDropped += countNodes(orphan);
    }
  }
  sortChildren(root);
  fixSkew(root, repairs);
  return { traceId, root, size: countNodes(root) };
}

function cutCycles(nodes: SpanNode[], parentOf: Map<SpanNode, SpanNode | undefined>, repairs: TraceRepairs): void {
  const done = new Set<SpanNode>();
  for (const start of nodes) {
    const path = new Set<SpanNode>();
    let node: SpanNode | undefined = start;
    while (node && !done.has(node)) {
      if (path.has(node)) {
        // `node` is on a loop: cut every link of the loop.
        let member: SpanNode = node;
        do {
          const next: SpanNode = parentOf.get(member)!;
          parentOf.set(member, undefined);
          repairs.cycleSpans += 1;
          member = next;
        } while (member !== node && parentOf.get(member) !== undefined);
        break;
      }
      path.add(node);
      node = parentOf.get(node);
    }
    for (const member of path) done.add(member);
  }
}

/** The deepest node (not inside `orphan`) whose interval holds the orphan's, preferring another service. */
function deepestEnclosing(root: SpanNode, orphan: SpanNode): SpanNode | undefined {
  if (!(root.startMs <= orphan.startMs + SKEW_TOLERANCE_MS && orphan.endMs <= root.endMs + SKEW_TOLERANCE_MS)) return undefined;
  for (const child of root.children) {
    if (child === orphan) continue;
    const deeper = deepestEnclosing(child, orphan);
    if (deeper) return deeper;
  }
  return root;
}

/**
 * A synchronous child on another host must run inside its parent; when it does not, the hosts'
 * clocks differ. The child (with its subtree) is moved to the middle of its parent, which splits
 * the parent's remaining time evenly between the request and the response, as Jaeger's UI assumes.
 */
function fixSkew(node: SpanNode, repairs: TraceRepairs): void {
  for (const child of node.children) {
    const sameHost = child.span.service === node.span.service;
    const asynchronous = child.span.followsFrom === true || child.span.kind === "consumer" || node.span.kind === "producer";
    const outside = child.startMs < node.startMs - SKEW_TOLERANCE_MS || child.endMs > node.endMs + SKEW_TOLERANCE_MS;
    if (outside && !sameHost && !asynchronous) {
      const childMs = child.endMs - child.startMs;
      const parentMs = node.endMs - node.startMs;
      const target = childMs <= parentMs ? node.startMs + (parentMs - childMs) / 2 : node.startMs;
      if (childMs > parentMs) repairs.longerThanParent += 1;
      else repairs.skewShifted += 1;
      shift(child, target - child.startMs);
    }
    fixSkew(child, repairs);
  }
}

function shift(node: SpanNode, deltaMs: number): void {
  node.startMs += deltaMs;
  node.endMs += deltaMs;
  for (const child of node.children) shift(child, deltaMs);
}

function sortChildren(node: SpanNode): void {
  node.children.sort((a, b) => compareSpans(a.span, b.span));
  for (const child of node.children) sortChildren(child);
}

function countNodes(node: SpanNode): number {
  let count = 1;
  for (const child of node.children) count += countNodes(child);
  return count;
}

/** Start time, then span id: a fixed order whatever order the files listed spans in. */
function compareSpans(a: Span, b: Span): number {
  return a.startMs - b.startMs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);
}
