// `meshsim run --traces <file> [--trace-sample r]`: OTLP JSON Lines of the simulated requests, the
// same file whatever the number of workers, results unchanged by it, and bad flags refused in one
// line before anything is written.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_OK } from "../../../src/cli/index.js";
import { meshsim } from "./_meshsim.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-run-traces-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const RUN = ["run", "bookinfo", "--mesh", "none,istio", "--rps", "40", "--duration", "2s", "--replications", "2", "--quiet"];

function withoutMeta(json: string): unknown {
  const document = JSON.parse(json);
  delete document.meta;
  return document;
}

function spansOf(file: string): Array<{ resource: Record<string, unknown>; span: Record<string, unknown> }> {
  const lines = readFileSync(file, "utf8").trimEnd().split("\n");
  return lines.flatMap((line) =>
    JSON.parse(line).resourceSpans.flatMap((entry: { resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> }; scopeSpans: Array<{ spans: Array<Record<string, unknown>> }> }) => {
      const resource = Object.fromEntries(entry.resource.attributes.map((attribute) => [attribute.key, Object.values(attribute.value)[0]]));
      return entry.scopeSpans.flatMap((scope) => scope.spans.map((span) => ({ resource, span })));
    }),
  );
}

describe("meshsim run --traces", () => {
  it("writes the same file with 1 and 2 workers, and leaves the results as they are without it", async () => {
    const one = join(folder, "one.jsonl");
    const two = join(folder, "two.jsonl");
    const plain = await meshsim(...RUN, "--workers", "1", "--json", join(folder, "plain.json"));
    const first = await meshsim(...RUN, "--workers", "1", "--traces", one, "--json", join(folder, "one.json"));
    const second = await meshsim(...RUN, "--workers", "2", "--traces", two, "--json", join(folder, "two.json"));
    expect([plain.exitCode, first.exitCode, second.exitCode]).toEqual([EXIT_OK, EXIT_OK, EXIT_OK]);
    expect(readFileSync(one, "utf8")).toBe(readFileSync(two, "utf8"));
    const results = withoutMeta(readFileSync(join(folder, "plain.json"), "utf8"));
    expect(withoutMeta(readFileSync(join(folder, "one.json"), "utf8"))).toEqual(results);
    expect(withoutMeta(readFileSync(join(folder, "two.json"), "utf8"))).toEqual(results);
    // No temporary file or part is left beside the output.
    expect(readdirSync(folder).filter((name) => name.includes(".tmp"))).toEqual([]);
  }, 60_000);

  it("writes OTLP JSON: hex ids, nanosecond strings, every run's resources tagged, Envoy's spans beside the apps'", async () => {
    const file = join(folder, "shape.jsonl");
    expect((await meshsim(...RUN, "--workers", "1", "--traces", file)).exitCode).toBe(EXIT_OK);
    const spans = spansOf(file);
    expect(spans.length).toBeGreaterThan(100);
    for (const { resource, span } of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(BigInt(span.endTimeUnixNano as string) >= BigInt(span.startTimeUnixNano as string)).toBe(true);
      expect(resource["meshsim.load"]).toBe("rps=40");
      expect(["none", "istio"]).toContain(resource["meshsim.mesh"]);
    }
    const envoy = spans.filter(({ span }) => (span.attributes as Array<{ key: string; value: { stringValue?: string } }>).some((a) => a.key === "component" && a.value.stringValue === "proxy"));
    expect(envoy.length).toBeGreaterThan(0);
    expect(envoy.every(({ resource }) => resource["meshsim.mesh"] === "istio")).toBe(true);
    expect(envoy.map(({ span }) => span.name)).toContain("reviews.default.svc.cluster.local:80/*");
    expect(new Set(envoy.map(({ resource }) => resource["service.name"]))).toContain("productpage.default");
    // Every parent is in the file.
    const ids = new Set(spans.map(({ span }) => `${span.traceId}/${span.spanId}`));
    expect(spans.filter(({ span }) => span.parentSpanId !== undefined && !ids.has(`${span.traceId}/${span.parentSpanId}`))).toEqual([]);
  }, 60_000);

  it("--trace-sample traces the same share of requests under every mesh", async () => {
    const file = join(folder, "sampled.jsonl");
    expect((await meshsim(...RUN, "--workers", "1", "--traces", file, "--trace-sample", "0.25")).exitCode).toBe(EXIT_OK);
    const roots = spansOf(file);
    const requests = (mesh: string) => new Set(roots.filter(({ resource }) => resource["meshsim.mesh"] === mesh).map(({ span }) => (span.traceId as string).slice(16)));
    const none = requests("none");
    // The request index is the low half of the trace id: the same requests under both meshes.
    expect([...requests("istio")].sort()).toEqual([...none].sort());
    // 2 replications x 2 s x 40/s = 160 requests; a quarter within 4 binomial standard errors.
    const share = none.size / 160;
    expect(Math.abs(share - 0.25)).toBeLessThanOrEqual(4 * Math.sqrt((0.25 * 0.75) / 160));
  }, 60_000);

  it("shards write the runs' spans of their tasks: joined in order, the unsharded file", async () => {
    const whole = join(folder, "whole.jsonl");
    const parts = [join(folder, "shard-1.jsonl"), join(folder, "shard-2.jsonl")];
    expect((await meshsim(...RUN, "--workers", "1", "--traces", whole)).exitCode).toBe(EXIT_OK);
    for (const [index, part] of parts.entries()) {
      expect((await meshsim(...RUN, "--workers", "1", "--traces", part, "--shard", `${index + 1}/2`, "--json", join(folder, `shard-${index + 1}.json`))).exitCode).toBe(EXIT_OK);
    }
    expect(parts.map((part) => readFileSync(part, "utf8")).join("")).toBe(readFileSync(whole, "utf8"));
  }, 60_000);

  it.each([
    [["--trace-sample", "0"], "--trace-sample must be a ratio above 0 and at most 1, got \"0\""],
    [["--trace-sample", "1.5"], "--trace-sample must be a ratio above 0 and at most 1, got \"1.5\""],
    [["--trace-sample", "half"], "--trace-sample must be a ratio above 0 and at most 1, got \"half\""],
  ])("%j is refused in one line, nothing written", async (flags, message) => {
    const file = join(folder, "refused.jsonl");
    const { exitCode, stderr, stdout } = await meshsim(...RUN, "--traces", file, ...flags);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`meshsim: ${message}\n`);
    expect(stdout).toBe("");
    expect(existsSync(file)).toBe(false);
  });

  it.each([
    [["--trace-sample", "0.5"], "--trace-sample applies to --traces <file>; give the file too"],
    [["--traces", "-"], "--traces needs a file name (the spans are written as OTLP JSON Lines), got \"-\""],
  ])("%j is refused in one line", async (flags, message) => {
    const { exitCode, stderr } = await meshsim(...RUN, ...flags);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`meshsim: ${message}\n`);
  });
});
