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
    [(d: any) => delete d.scenario, "r.json: scenario.name must be a string"],
    [(d: any) => (d.runs = {}), "r.json: runs must be a non-empty list (write one with meshsim run --json file)"],
    [(d: any) => (d.runs = []), "r.json: runs must be a non-empty list (write one with meshsim run --json file)"],
    [(d: any) => (d.runs[0].latencyMs.p99 = null), "r.json: runs[0].latencyMs.p99 must be a number, got null"],
    [(d: any) => (d.runs[0].mesh = 1), "r.json: runs[0].mesh must be a string"],
    [(d: any) => delete d.runs[0].rps, "r.json: runs[0].rps must be a number, got nothing"],
    [(d: any) => (d.runs[0].latencyMs.p99 = "4"), `r.json: runs[0].latencyMs.p99 must be a number, got "4"`],
    [(d: any) => delete d.runs[0].byRequestType.browse.requests, "r.json: runs[0].byRequestType.browse.requests must be an object"],
    [(d: any) => delete d.runs[0].resources.controlPlane, "r.json: runs[0].resources.controlPlane must be an object"],
    [(d: any) => (d.runs[0].resources.monthlyCost = { total: "1" }), "r.json: runs[0].resources.monthlyCost.total must be a number"],
    [(d: any) => (d.runs[0].latencyHistogram = { sub: 1024, count: 1, min: 1, max: 1, sumNs: [0, 1e6], counts: [[1, "x"]] }), "r.json: runs[0].latencyHistogram is not a latency histogram: json.counts[0][1] must be a positive integer, got x"],
    [(d: any) => (d.runs[0].timeline = 5), "r.json: runs[0].timeline must be a list"],
    [(d: any) => (d.runs[0].timeline = [{ ...INTERVAL, atS: "x" }]), `r.json: runs[0].timeline[0].atS must be a number, got "x"`],
    [(d: any) => (d.runs[0].timeline = [INTERVAL, { ...INTERVAL, failedByReason: null }]), "r.json: runs[0].timeline[1].failedByReason must be an object of counts"],
    [(d: any) => (d.runs[0].timeline = [{ ...INTERVAL, latencyHistogram: { ...INTERVAL.latencyHistogram, counts: [[1, "x"]] } }]), "r.json: runs[0].timeline[0].latencyHistogram is not a latency histogram: json.counts[0][1]"],
    [(d: any) => (d.runs[0].latencyHistogram = "none"), "r.json: runs[0].latencyHistogram is not a latency histogram: json must be an object from LatencyHistogram.toJSON, got none"],
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
  });
});
