import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { looksLikeResults, readResults, toResults } from "../../src/check/index.js";
import { failingRun, makeResults, makeRun } from "./_results.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-read-results-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** One interval of a run's timeline, as run --interval writes it: nothing completed in it. */
const INTERVAL = {
  atS: 0,
  durationS: 1,
  offeredPerSec: 0,
  completedPerSec: 0,
  failedPerSec: 0,
  meanMs: null,
  p50Ms: null,
  p90Ms: null,
  p99Ms: null,
  maxMs: null,
  failedByReason: {},
  latencyHistogram: { sub: 32, count: 0, min: 0, max: 0, sumNs: [0, 0], counts: [] },
};

describe("toResults", () => {
  const valid = () => JSON.parse(JSON.stringify(makeResults([makeRun()])));

  it("accepts a results document", () => {
    expect(toResults(valid(), "r.json").runs).toHaveLength(1);
  });

  it.each([
    [(d: any) => (d.schemaVersion = 2), "r.json: schemaVersion must be 1, got 2"],
    [(d: any) => delete d.scenario, "r.json: scenario is required"],
    [(d: any) => (d.scenario.name = 5), "r.json: scenario.name must be a string, got 5"],
    [(d: any) => (d.runs = {}), "r.json: runs must be an array, got {}"],
    [(d: any) => (d.runs = []), "r.json: runs must be a non-empty list (write one with meshsim run --json file)"],
    [(d: any) => (d.runs[0].latencyMs.p99 = null), "r.json: runs[0].latencyMs.p99 must be a number, got null (null only when no request completed; 1000 did)"],
    [(d: any) => (d.runs[0].mesh = 1), "r.json: runs[0].mesh must be a string, got 1"],
    [(d: any) => delete d.runs[0].rps, "r.json: runs[0].rps is required"],
    [(d: any) => (d.runs[0].latencyMs.p99 = "4"), `r.json: runs[0].latencyMs.p99 must be a number or null, got "4"`],
    [(d: any) => delete d.runs[0].byRequestType.browse.requests, "r.json: runs[0].byRequestType.browse.requests is required"],
    [(d: any) => delete d.runs[0].resources.controlPlane, "r.json: runs[0].resources.controlPlane is required"],
    [(d: any) => (d.runs[0].resources.monthlyCost = { dataPlane: 1, controlPlane: 0, total: "1", currency: "USD" }), `r.json: runs[0].resources.monthlyCost.total must be a number, got "1"`],
    [(d: any) => (d.runs[0].latencyHistogram = { sub: 1024, count: 1, min: 1, max: 1, sumNs: [0, 1e6], counts: [[1, "x"]] }), `r.json: runs[0].latencyHistogram.counts[0][1] must be an integer, got "x"`],
    [(d: any) => (d.runs[0].latencyHistogram = { sub: 1024, count: 2, min: 1, max: 1, sumNs: [0, 1e6], counts: [[1, 1]] }), "r.json: runs[0].latencyHistogram is not a latency histogram: json.count"],
    [(d: any) => (d.runs[0].timeline = 5), "r.json: runs[0].timeline must be an array, got 5"],
    [(d: any) => (d.runs[0].timeline = [{ ...INTERVAL, atS: "x" }]), `r.json: runs[0].timeline[0].atS must be a number, got "x"`],
    [(d: any) => (d.runs[0].timeline = [INTERVAL, { ...INTERVAL, failedByReason: null }]), "r.json: runs[0].timeline[1].failedByReason must be an object, got null"],
    [(d: any) => (d.runs[0].timeline = [{ ...INTERVAL, latencyHistogram: { ...INTERVAL.latencyHistogram, counts: [[1, "x"]] } }]), `r.json: runs[0].timeline[0].latencyHistogram.counts[0][1] must be an integer, got "x"`],
    [(d: any) => (d.runs[0].timeline = [{ ...INTERVAL, latencyHistogram: { ...INTERVAL.latencyHistogram, counts: [[1, 1]] } }]), "r.json: runs[0].timeline[0].latencyHistogram is not a latency histogram: json.count"],
    [(d: any) => (d.runs[0].latencyMs.replications = { p50: [1, 2], p99: [1, 2] }), "r.json: runs[0].latencyMs.replications.p50 must be a list of 4 numbers, one per replication, got 2"],
    [(d: any) => (d.runs[0].latencyHistogram = "none"), `r.json: runs[0].latencyHistogram must be an object, got "none"`],
  ])("refuses a broken document naming the field (%#)", (breakIt, message) => {
    const document = valid();
    breakIt(document);
    expect(() => toResults(document, "r.json")).toThrow(message);
  });

  it("regression: reads a run that completed no request, whose percentiles run --json writes as null, as NaN", () => {
    const written = JSON.parse(JSON.stringify(makeResults([makeRun({ mesh: "none" }), failingRun("istio")])));
    expect(written.runs[1].latencyMs.p99).toBeNull();
    const read = toResults(written, "r.json");
    expect(read.runs[1].latencyMs.p99).toBeNaN();
    expect(read.runs[1].byRequestType.browse.latencyMs.p50).toBeNaN();
    expect(read.runs[0].latencyMs.p99).toBe(4);
  });

  it("regression: accepts the histograms a run writes, which export and thresholds over time read", () => {
    const document = valid();
    document.runs[0].latencyHistogram = { sub: 1024, count: 0, min: 0, max: 0, sumNs: [0, 0], counts: [] };
    document.runs[0].timeline = [INTERVAL, { ...INTERVAL, atS: 1 }];
    expect(toResults(document, "r.json").runs[0].latencyHistogram).toEqual(document.runs[0].latencyHistogram);
  });

  it("reads a document without meta, as jq 'del(.meta)' leaves a baseline kept for byte comparison", () => {
    const document = valid();
    const meta = document.meta;
    delete document.meta;
    expect(toResults(document, "r.json").meta).toBeUndefined();
    document.meta = { ...meta, tool: "other" };
    expect(() => toResults(document, "r.json")).toThrow(`r.json: meta.tool must be "meshsim", got "other"`);
  });

  it("reads a sweep whose every load overloaded a station only when asked to (a report says so; a check would check nothing)", () => {
    const document = { ...valid(), runs: [], sweep: { rates: [100], parameters: [], overloaded: [{ mesh: "istio", rps: 100, reason: "sidecar at 120%" }] } };
    expect(toResults(document, "r.json", { acceptOverloadedSweep: true }).sweep?.overloaded).toHaveLength(1);
    expect(() => toResults(document, "r.json")).toThrow("r.json: runs is empty: every load the sweep tried overloaded a station (sweep.overloaded lists 1), so there is nothing to check");
    document.sweep.overloaded = [];
    expect(() => toResults(document, "r.json", { acceptOverloadedSweep: true })).toThrow("r.json: runs must be a non-empty list");
  });

  it("refuses a shard, pointing to merge", () => {
    expect(() => toResults({ kind: "meshsim-shard", runs: [] }, "s.json")).toThrow("s.json: is a shard document: join the shards with meshsim merge first");
  });
});

describe("readResults", () => {
  it("reads a file and names it in errors", () => {
    const path = join(folder, "results.json");
    writeFileSync(path, JSON.stringify(makeResults([makeRun()])));
    expect(readResults(path).scenario.name).toBe("shop");
    expect(() => readResults(join(folder, "none.json"))).toThrow(`${join(folder, "none.json")}: no such file`);
  });
});

describe("looksLikeResults", () => {
  it("tells results from scenarios", () => {
    expect(looksLikeResults(makeResults([]))).toBe(true);
    expect(looksLikeResults({ name: "shop", services: [] })).toBe(false);
    expect(looksLikeResults({ kind: "meshsim-shard", schemaVersion: 1, results: [] })).toBe(true);
  });
});
