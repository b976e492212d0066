// readTraceFiles: each format told from the file, --format checked, and bad files refused with one
// line naming the file and the field or line: malformed, truncated, not JSON, another kind of file.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readTraceFiles } from "../../../src/import/traces/index.js";
import { ScenarioError } from "../../../src/scenario/index.js";
import { generateTraces, toJaeger, toOtlp, toZipkin } from "./_trace-generator.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-trace-files-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const APP = { ownMs: { web: 1, api: 2 }, ratePerSec: 10, requestTypes: [{ entry: "web", operation: "GET /", weight: 1, calls: [{ service: "api" }] }] };
const spans = generateTraces(APP, 5);

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

async function failure(files: string[], format?: "otlp" | "jaeger" | "zipkin"): Promise<string> {
  const error = await readTraceFiles(files, format).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ScenarioError);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  return message;
}

describe("readTraceFiles", () => {
  it.each([
    ["otlp", JSON.stringify(toOtlp(spans))],
    ["otlp", `${JSON.stringify(toOtlp(spans.slice(0, 4)))}\n${JSON.stringify(toOtlp(spans.slice(4)))}\n`],
    ["otlp", JSON.stringify({ result: toOtlp(spans) })],
    ["jaeger", JSON.stringify(toJaeger(spans))],
    ["zipkin", JSON.stringify(toZipkin(spans))],
    ["zipkin", JSON.stringify([toZipkin(spans.slice(0, 4)), toZipkin(spans.slice(4))])],
  ] as const)("reads %s (%#) with every span", async (format, text) => {
    const read = await readTraceFiles([file(`ok-${format}-${text.length}.json`, text)]);
    expect(read.files[0].format).toBe(format);
    expect(read.spans).toHaveLength(spans.length);
    expect(new Set(read.spans.map((span) => span.service))).toEqual(new Set(["web", "api"]));
  });

  it("checks --format against what the file holds", async () => {
    const path = file("jaeger.json", JSON.stringify(toJaeger(spans)));
    expect(await failure([path], "zipkin")).toBe(`${path}: is Jaeger JSON, not Zipkin v2 JSON (--format zipkin)`);
  });

  it("refuses a truncated file, naming it", async () => {
    const text = JSON.stringify(toJaeger(spans));
    const path = file("truncated.json", text.slice(0, Math.floor(text.length / 2)));
    expect(await failure([path])).toMatch(/truncated.json: is truncated: the JSON ends in the middle of a value/);
  });

  it("names the line and column of a syntax error", async () => {
    const path = file("broken.json", '{"data": [\n  {"traceID": "1", "spans": [}\n]}');
    expect(await failure([path])).toBe(`${path}: line 2 column 30 is not valid JSON: unexpected "}"`);
  });

  it("names the field of a malformed span", async () => {
    const document = toJaeger(spans) as { data: Array<{ spans: Array<Record<string, unknown>> }> };
    document.data[0].spans[1].startTime = "yesterday";
    const path = file("malformed.json", JSON.stringify(document));
    expect(await failure([path])).toBe(`${path}: data[0].spans[1].startTime must be a non-negative number of microseconds, got "yesterday"`);
  });

  it("refuses a JSON file of another kind, saying what it holds", async () => {
    const path = file("manifest.json", JSON.stringify({ apiVersion: "v1", kind: "Service", metadata: { name: "x" } }));
    expect(await failure([path])).toBe(`${path}: is not a trace file: a JSON object with keys apiVersion, kind, metadata, where OTLP JSON has resourceSpans, Jaeger JSON data`);
  });

  it("refuses YAML, an empty file and a missing one", async () => {
    expect(await failure([file("k8s.yaml", "kind: Deployment\n")])).toMatch(/k8s.yaml: is not JSON: trace files are OTLP JSON/);
    expect(await failure([file("empty.json", "  \n")])).toMatch(/empty.json: is empty$/);
    expect(await failure([join(folder, "nope.json")])).toMatch(/nope.json: no such file$/);
  });

  it("refuses an array whose items are not Zipkin spans", async () => {
    const path = file("numbers.json", "[1, 2]");
    expect(await failure([path])).toBe(`${path}: [0] is not a Zipkin v2 span (traceId, id, ...): 1`);
  });

  it("reads files of different formats together, with a notice", async () => {
    const read = await readTraceFiles([file("a.json", JSON.stringify(toJaeger(spans.slice(0, 4)))), file("b.json", JSON.stringify(toZipkin(spans.slice(4))))]);
    expect(read.spans).toHaveLength(spans.length);
    expect(read.notices.some((notice) => notice.startsWith("the files mix formats"))).toBe(true);
  });

  it("drops Zipkin spans reported before they ended, with a count", async () => {
    const zipkin = toZipkin(spans) as Array<Record<string, unknown>>;
    delete zipkin[2].duration;
    const read = await readTraceFiles([file("open.json", JSON.stringify(zipkin))]);
    expect(read.spans).toHaveLength(spans.length - 1);
    expect(read.notices).toContain(`${join(folder, "open.json")}: 1 span without a duration (reported before they ended) dropped`);
  });
});

describe("readTraceFiles with base64 ids", () => {
  it("reads OTLP ids written in base64 (the protobuf JSON mapping) as hex", async () => {
    const document = toOtlp(spans.slice(0, 2)) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<Record<string, string>> }> }> };
    for (const resource of document.resourceSpans) {
      for (const span of resource.scopeSpans[0].spans) {
        for (const key of ["traceId", "spanId", "parentSpanId"]) if (span[key]) span[key] = Buffer.from(span[key], "hex").toString("base64");
      }
    }
    const read = await readTraceFiles([file("base64.json", JSON.stringify(document))]);
    expect(read.spans.map((span) => span.spanId).sort()).toEqual(spans.slice(0, 2).map((span) => span.spanId.replace(/^0+/, "")).sort());
    expect(read.spans.find((span) => span.parentId)?.parentId).toBe(spans[1].parentId!.replace(/^0+/, ""));
  });
});

describe("readTraceFiles with impossible times", () => {
  it("refuses an OTLP span that ends before it starts, naming the field", async () => {
    const document = toOtlp(spans.slice(0, 1)) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<Record<string, string>> }> }> };
    document.resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano = "1";
    const path = file("backwards.json", JSON.stringify(document));
    expect(await failure([path])).toMatch(/backwards.json: resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.endTimeUnixNano must not be before startTimeUnixNano/);
  });

  it("reads - from standard input, named so in what it tells", async () => {
    const text = JSON.stringify(toJaeger(spans));
    const read = await readTraceFiles(["-"], undefined, async () => text);
    expect(read.files).toEqual([{ file: "(standard input)", format: "jaeger", spans: spans.length }]);
    expect(read.spans).toHaveLength(spans.length);
    await expect(readTraceFiles(["-"], undefined, async () => "{ not json")).rejects.toThrow(/^\(standard input\)/);
  });

  it("refuses - where no standard input can be read, in one line", async () => {
    expect(await failure(["-"])).toBe("-: standard input cannot be read here");
  });
});

