import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_OK } from "../../../src/cli/index.js";
import { reportDocument } from "../../fixtures/report-document.js";
import { meshsim } from "./_meshsim.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-report-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function writeDocument(name: string, value: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

describe("meshsim report", () => {
  it("meshsim report <results.json> --out dir writes the charts and report.html and prints the report's path", async () => {
    const results = writeDocument("results.json", reportDocument());
    const out = join(folder, "out");
    const { exitCode, stdout, stderr } = await meshsim("report", results, "--out", out);
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toBe(`${join(out, "report.html")}\n`);
    expect(stderr).toBe("");
    for (const extension of ["vl.json", "svg", "png"]) expect(existsSync(join(out, "charts", `latency-vs-load.${extension}`))).toBe(true);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("meshsim report: shop");
  });

  it("reads the document meshsim run writes", async () => {
    const out = join(folder, "from-run");
    const run = await meshsim("run", "fortio", "--mesh", "none", "--duration", "1s", "--replications", "1", "--workers", "1", "--json", join(folder, "run.json"));
    expect(run.exitCode).toBe(EXIT_OK);
    const { exitCode, stdout } = await meshsim("report", join(folder, "run.json"), "--out", out);
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toBe(`${join(out, "report.html")}\n`);
  });

  it("without --out writes next to its input and prints the report's path", async () => {
    const beside = join(folder, "beside");
    mkdirSync(beside);
    const results = join(beside, "results.json");
    writeFileSync(results, JSON.stringify(reportDocument()));
    const { exitCode, stdout } = await meshsim("report", results);
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toBe(`${join(beside, "report.html")}\n`);
    expect(existsSync(join(beside, "charts", "latency-vs-load.svg"))).toBe(true);
  });

  it("regression: reads back a document in which a mesh completed nothing (its percentiles are null)", async () => {
    const document = reportDocument() as unknown as Record<string, any>;
    const run = document.runs[4];
    run.requests = { completed: 0, failed: 100, failedByReason: { "mtls-plaintext-refused": 100 } };
    run.latencyMs = { ...run.latencyMs, p50: null, p90: null, p99: null, p999: null };
    const { exitCode, stderr } = await meshsim("report", writeDocument("refused.json", document), "--out", join(folder, "refused"));
    expect(stderr).toBe("");
    expect(exitCode).toBe(EXIT_OK);
  });

  /** One interval of a timeline, as run --interval writes it: nothing completed in it. */
  const INTERVAL = {
    atS: 0,
    durationS: 1,
    offeredPerSec: 1,
    completedPerSec: 0,
    failedPerSec: 1,
    meanMs: null,
    p50Ms: null,
    p90Ms: null,
    p99Ms: null,
    maxMs: null,
    failedByReason: { timeout: 1 },
    latencyHistogram: { sub: 32, count: 0, min: 0, max: 0, sumNs: [0, 0], counts: [] },
  };
  it("reports a sweep whose every load overloaded a station, which check refuses as nothing to check", async () => {
    const document = { ...reportDocument(), runs: [] } as unknown as Record<string, any>;
    document.sweep.overloaded = [{ mesh: "istio", rps: 100, reason: "sidecar/web at 120% utilization" }];
    const path = writeDocument("all-overloaded.json", document);
    const report = await meshsim("report", path, "--out", join(folder, "all-overloaded"));
    expect(report.stderr).toBe("");
    expect(report.exitCode).toBe(EXIT_OK);
    const check = await meshsim("check", path, "--threshold", "p99<50ms");
    expect(check.exitCode).toBe(EXIT_BAD_INPUT);
    expect(check.stderr).toBe(`meshsim: ${path}: runs is empty: every load the sweep tried overloaded a station (sweep.overloaded lists 1), so there is nothing to check\n`);
  });

  const broken = (change: (document: Record<string, any>) => void) => {
    const document = reportDocument() as unknown as Record<string, any>;
    change(document);
    return document;
  };
  it.each([
    ["missing.json", undefined, "no such file"],
    ["bad.json", "{ not json", "is not valid YAML or JSON"],
    ["list.json", [1, 2], "is not a results document (meshsim run --json writes one)"],
    ["shard.json", { kind: "meshsim-shard" }, "is a shard document: join the shards with meshsim merge first"],
    ["version.json", broken((d) => (d.schemaVersion = 2)), "schemaVersion must be 1, got 2"],
    ["empty.json", broken((d) => (d.runs = [])), "runs must be a non-empty list (write one with meshsim run --json file)"],
    ["p99.json", broken((d) => delete d.runs[4].latencyMs.p99), "runs[4].latencyMs.p99 is required"],
    ["p99-null.json", broken((d) => (d.runs[4].latencyMs.p99 = null)), "runs[4].latencyMs.p99 must be a number, got null (null only when no request completed;"],
    ["hops.json", broken((d) => (d.runs[0].hops = null)), "runs[0].hops must be an array, got null"],
    ["pairs.json", broken((d) => (d.runs[1].latencyMs.replications = { p50: [1, 2], p99: [1, 2, 3] })), "runs[1].latencyMs.replications.p99 must be a list of 2 numbers, one per replication, got 3"],
    ["pairs-null.json", broken((d) => (d.runs[1].latencyMs.replications = null)), "runs[1].latencyMs.replications must be an object, got null"],
    ["warnings.json", broken((d) => (d.runs[0].warnings = [5])), "runs[0].warnings[0] must be a string, got 5"],
    ["cost.json", broken((d) => (d.runs[0].resources.monthlyCost = 5)), "runs[0].resources.monthlyCost must be an object, got 5"],
    ["skipped.json", broken((d) => (d.skippedMeshes = 5)), "skippedMeshes must be an array, got 5"],
    ["sweep.json", broken((d) => (d.sweep = 5)), "sweep must be an object, got 5"],
    ["capacity.json", broken((d) => (d.sweep.capacity[0].maxRps = "x")), `sweep.capacity[0].maxRps must be a number or null, got "x"`],
    ["overloaded.json", broken((d) => (d.sweep.overloaded = 5)), "sweep.overloaded must be an array, got 5"],
    ["slo.json", broken((d) => (d.sweep.slo = 5)), "sweep.slo must be an object, got 5"],
    ["timeline.json", broken((d) => (d.runs[0].timeline = 5)), "runs[0].timeline must be an array, got 5"],
    ["interval.json", broken((d) => (d.runs[0].timeline = [{ ...INTERVAL, atS: "x" }])), `runs[0].timeline[0].atS must be a number, got "x"`],
    ["interval-p99.json", broken((d) => (d.runs[0].timeline = [{ ...INTERVAL, p99Ms: "2" }])), `runs[0].timeline[0].p99Ms must be a number or null, got "2"`],
  ])("a bad document (%s) exits 2 with one line naming the file and field", async (name, content, problem) => {
    const path = content === undefined ? join(folder, name) : writeDocument(name, content);
    const { exitCode, stderr, stdout } = await meshsim("report", path, "--out", join(folder, "never"));
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toMatch(new RegExp(`^meshsim: ${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: .*\n$`));
    expect(stderr).toContain(problem);
    expect(stdout).toBe("");
    expect(existsSync(join(folder, "never"))).toBe(false);
  });
});
