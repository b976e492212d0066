// buildTraces repairs what real trace files get wrong and counts each repair: spans without
// parents (attached or dropped), lost roots, parent loops, clock skew, duplicates, Zipkin's shared ids.

import { describe, expect, it } from "vitest";
import { buildTraces, type SpanNode } from "../../../src/import/traces/build-traces.js";
import type { Span } from "../../../src/import/traces/index.js";

function span(spanId: string, service: string, startMs: number, endMs: number, extra: Partial<Span> = {}): Span {
  return { traceId: "t1", spanId, service, name: `${service} op`, kind: "server", startMs, endMs, attributes: {}, source: "test", ...extra };
}

function shape(node: SpanNode): unknown {
  return { id: node.span.spanId, children: node.children.map(shape) };
}

describe("buildTraces", () => {
  it("builds the tree a clean trace describes, children in start order", () => {
    const { traces, repairs } = buildTraces([span("c", "db", 5, 6, { parentId: "a" }), span("a", "web", 0, 10), span("b", "api", 1, 4, { parentId: "a" })]);
    expect(shape(traces[0].root)).toEqual({ id: "a", children: [{ id: "b", children: [] }, { id: "c", children: [] }] });
    expect(Object.values(repairs).every((count) => count === 0)).toBe(true);
  });

  it("attaches a span whose parent is missing under the span that encloses it, and drops one nothing encloses", () => {
    const { traces, repairs } = buildTraces([span("a", "web", 0, 10), span("b", "api", 1, 8, { parentId: "a" }), span("x", "db", 2, 3, { parentId: "lost" }), span("y", "db", 20, 21, { parentId: "lost" })]);
    expect(shape(traces[0].root)).toEqual({ id: "a", children: [{ id: "b", children: [{ id: "x", children: [] }] }] });
    expect(repairs.orphansAttached).toBe(1);
    expect(repairs.orphansDropped).toBe(1);
  });

  it("leaves out a trace with a span longer than a day, which no scenario time can hold, and counts it", () => {
    const day = 86_400_000;
    const { traces, repairs } = buildTraces([
      span("a", "web", 0, 10),
      span("s", "stream", 0, 2 * day, { traceId: "t2" }),
      span("c", "db", 1, 2, { traceId: "t2", parentId: "s" }),
    ]);
    expect(traces.map((trace) => trace.traceId)).toEqual(["t1"]);
    expect(repairs.tracesTooLong).toBe(1);
  });

  it("takes the earliest top span as the root when the root is missing", () => {
    const { traces, repairs } = buildTraces([span("b", "api", 1, 8, { parentId: "gateway" }), span("c", "db", 2, 3, { parentId: "b" })]);
    expect(traces[0].root.span.spanId).toBe("b");
    expect(repairs.rootsMissing).toBe(1);
  });

  it("cuts parent loops instead of recursing forever", () => {
    const { traces, repairs } = buildTraces([span("a", "web", 0, 10), span("b", "api", 1, 8, { parentId: "c" }), span("c", "db", 2, 3, { parentId: "b" })]);
    expect(repairs.cycleSpans).toBe(2);
    expect(traces[0].root.span.spanId).toBe("a");
    expect(traces[0].size).toBe(3);
  });

  it("moves a child on another host that lies outside its parent into the middle of it (clock skew)", () => {
    const { traces, repairs } = buildTraces([span("a", "web", 100, 110), span("b", "api", 95, 99, { parentId: "a" }), span("c", "db", 96, 97, { parentId: "b" })]);
    const b = traces[0].root.children[0];
    expect([b.startMs, b.endMs]).toEqual([103, 107]);
    // Its subtree moves with it.
    expect([b.children[0].startMs, b.children[0].endMs]).toEqual([104, 105]);
    expect(repairs.skewShifted).toBe(1);
  });

  it("leaves a consumer that outlives its producer alone (it is asynchronous)", () => {
    const { traces, repairs } = buildTraces([span("a", "web", 0, 10, { kind: "producer" }), span("b", "worker", 20, 30, { parentId: "a", kind: "consumer" })]);
    expect(traces[0].root.children[0].startMs).toBe(20);
    expect(repairs.skewShifted).toBe(0);
  });

  it("drops duplicate spans and puts a Zipkin shared server span under its client", () => {
    const { traces, repairs } = buildTraces([
      span("a", "web", 0, 10),
      span("b", "web", 1, 9, { parentId: "a", kind: "client" }),
      span("b", "api", 2, 8, { parentId: "a", kind: "server", shared: true }),
      span("c", "api", 3, 4, { parentId: "b", kind: "client" }),
      span("c", "api", 3, 4, { parentId: "b", kind: "client" }),
    ]);
    expect(repairs.duplicateSpans).toBe(1);
    const client = traces[0].root.children[0];
    expect(client.span.kind).toBe("client");
    expect(client.children[0].span.service).toBe("api");
    expect(client.children[0].children[0].span.spanId).toBe("c");
  });
});
