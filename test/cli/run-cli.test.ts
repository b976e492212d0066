// Tests for runCli, driven in-process with a capturing CliIo: listings, help, exit codes, one-line
// errors without stack traces, and the results document that `run --json` writes.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.js";
import { EXIT_BAD_INPUT, EXIT_OK } from "../../src/cli/exit-codes.js";
import { runCli } from "../../src/cli/run-cli.js";

const BUILT_INS = ["bookinfo", "emojivoto", "fortio", "online-boutique", "robot-shop"];
/**
 * The smallest real run: fortio without a mesh (so it stays one run as models/ grows) for one
 * simulated second, two replications, in this thread unless told otherwise.
 */
function tinyRun(workers = "1"): string[] {
  return ["run", "fortio", "--mesh", "none", "--duration", "1s", "--replications", "2", "--workers", workers];
}

const folder = mkdtempSync(join(tmpdir(), "meshsim-run-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface CliOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `meshsim ...args` in-process and captures what it prints. */
async function meshsim(...args: string[]): Promise<CliOutcome> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stderrIsTty: false,
    now: () => 0,
  };
  const exitCode = await runCli(["node", "meshsim", ...args], io);
  return { exitCode, stdout, stderr };
}

/** Asserts `stderr` is exactly one error line, with no stack trace, and returns it without "\n". */
function onlyErrorLine(stderr: string): string {
  expect(stderr).toMatch(/^meshsim: [^\n]*\n$/);
  expect(stderr).not.toContain("    at ");
  return stderr.slice(0, -1);
}

/** The document's text with its `meta` object cut out: the part that must not vary between runs. */
function withoutMeta(json: string): string {
  const stripped = json.replace(/\n  "meta": \{\n[\s\S]*?\n  \},/, "");
  expect(stripped).not.toBe(json);
  expect(stripped).not.toContain('"meta"');
  return stripped;
}

describe("runCli: listings", () => {
  it("meshsim scenarios lists the five built-ins in a table", async () => {
    const { exitCode, stdout, stderr } = await meshsim("scenarios");
    expect(exitCode).toBe(EXIT_OK);
    for (const name of BUILT_INS) expect(stdout).toContain(name);
    expect(stderr).toBe("");
  });

  it("meshsim scenarios --json prints the built-ins as JSON", async () => {
    const { exitCode, stdout } = await meshsim("scenarios", "--json");
    expect(exitCode).toBe(EXIT_OK);
    const rows = JSON.parse(stdout) as Array<{ name: string; services: number; requestTypes: number; load: string }>;
    expect(rows.map((row) => row.name)).toEqual(BUILT_INS);
    expect(rows.find((row) => row.name === "fortio")).toMatchObject({ services: 1, requestTypes: 1, load: "open 1000/s" });
  });

  it("meshsim schema prints a JSON Schema", async () => {
    const { exitCode, stdout } = await meshsim("schema");
    expect(exitCode).toBe(EXIT_OK);
    const schema = JSON.parse(stdout);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.required).toEqual(["name", "services", "requestTypes", "load"]);
  });

  it("meshsim schema --results prints the results document's JSON Schema, which a run's document meets", async () => {
    const { exitCode, stdout } = await meshsim("schema", "--results");
    expect(exitCode).toBe(EXIT_OK);
    const schema = JSON.parse(stdout);
    expect(schema.title).toBe("meshsim results document");
    expect(schema.required).toEqual(["schemaVersion", "meta", "scenario", "seed", "runs"]);
  });

  it("meshsim schema offers editors durations in time fields (load.durationS: 1m30s)", async () => {
    const { stdout } = await meshsim("schema");
    const durationS = JSON.parse(stdout).properties.load.properties.durationS;
    expect(durationS.anyOf.map((branch: { type: string }) => branch.type)).toEqual(["number", "string"]);
    expect(new RegExp(durationS.anyOf[1].pattern).test("1m30s")).toBe(true);
  });

  it("meshsim meshes --json includes the baseline profile none", async () => {
    const { exitCode, stdout } = await meshsim("meshes", "--json");
    expect(exitCode).toBe(EXIT_OK);
    const meshes = JSON.parse(stdout) as Array<{ id: string; name: string; architecture: string }>;
    expect(meshes[0]).toMatchObject({ id: "none", architecture: "none" });
  });

  it("meshsim meshes gives the features a run accepts: no ingress gateway for OSM or Cilium, one for Istio", async () => {
    const { stdout } = await meshsim("meshes", "--json");
    const supports = Object.fromEntries(JSON.parse(stdout).map((mesh: { id: string; supports: Record<string, boolean> }) => [mesh.id, mesh.supports]));
    expect([supports.osm.ingressGateway, supports.cilium.ingressGateway, supports.istio.ingressGateway]).toEqual([false, false, true]);
    const table = await meshsim("meshes");
    const header = table.stdout.split("\n").find((line) => line.includes("│ feature"))!.split("│").map((cell) => cell.trim());
    const row = table.stdout.split("\n").find((line) => line.includes("│ ingressGateway"))!.split("│").map((cell) => cell.trim());
    expect(row[header.indexOf("osm")]).toMatch(/^no\*?$/);
    expect(row[header.indexOf("cilium")]).toMatch(/^no\*?$/);
    expect(row[header.indexOf("istio")]).toMatch(/^yes\*?$/);
  });

  it("meshsim meshes prints a table with the profile ids", async () => {
    const { exitCode, stdout } = await meshsim("meshes");
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toContain("none");
  });
});

describe("runCli: help and usage errors", () => {
  it.each([
    [["--help"], "Usage: meshsim [options] [command]"],
    [["run", "--help"], "Usage: meshsim run [options] <scenario>"],
  ])("meshsim %j exits 0 with usage on stdout", async (args, usage) => {
    const { exitCode, stdout } = await meshsim(...args);
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toContain(usage);
  });

  it.each([
    [["frob"], "meshsim: unknown command 'frob' (see --help)"],
    [["run", "fortio", "--frob"], "meshsim: unknown option '--frob' (see --help)"],
    [["run"], "meshsim: missing required argument 'scenario' (see --help)"],
    // Commander puts its suggestion on a second line; an error stays one line.
    [["meshes", "--jsn"], "meshsim: unknown option '--jsn' (Did you mean --json?) (see --help)"],
    [["scenario"], "meshsim: unknown command 'scenario' (Did you mean scenarios?) (see --help)"],
  ])("meshsim %j exits 2 and says what is wrong in one line", async (args, problem) => {
    const { exitCode, stdout, stderr } = await meshsim(...args);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(`${problem}\n`);
    expect(stdout).toBe("");
  });
});

describe("runCli: run with bad input", () => {
  it("meshsim run <missing file> exits 2 with one line naming the file", async () => {
    const path = join(folder, "missing.yaml");
    const { exitCode, stdout, stderr } = await meshsim("run", path);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(onlyErrorLine(stderr)).toBe(`meshsim: ${path}: no such file`);
    expect(stdout).toBe("");
  });

  it("meshsim run <invalid scenario> exits 2 with the file and field", async () => {
    const path = join(folder, "bad-replicas.yaml");
    writeFileSync(path, overloadedScenarioYaml().replace("concurrency: 1", 'replicas: "two"'));
    const { exitCode, stderr } = await meshsim("run", path);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(onlyErrorLine(stderr)).toBe(`meshsim: ${path}: services[0].replicas must be an integer, got "two"`);
  });

  it("meshsim run <an overloaded open loop> exits 2 naming the saturated service", async () => {
    const path = join(folder, "overloaded.yaml");
    writeFileSync(path, overloadedScenarioYaml());
    const { exitCode, stdout, stderr } = await meshsim("run", path, "--duration", "1s", "--workers", "1");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(onlyErrorLine(stderr)).toBe(
      `meshsim: ${path}: overloaded at 200 requests/s: service solo would be 200% busy ` +
        "(utilisation >= 1, queues grow without bound); lower the rate or add replicas or concurrency",
    );
    expect(stdout).toBe("");
  });

  it("meshsim run <closed loop> --rps 10 exits 2: --rps applies to open loops only", async () => {
    const path = join(folder, "closed.yaml");
    writeFileSync(path, overloadedScenarioYaml().replace("type: open", "type: closed").replace("ratePerSec: 200", "connections: 2"));
    const { exitCode, stderr } = await meshsim("run", path, "--rps", "10");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(onlyErrorLine(stderr)).toBe(`meshsim: --rps applies to open-loop load; ${path} has a closed loop (load.connections users)`);
  });

  it.each([
    [["--duration", "abc"], 'meshsim: --duration must be a duration like 30s, 500ms, 1m30s or 250us, got "abc"'],
    [["--duration", "1m30x"], 'meshsim: --duration must be a duration like 30s, 500ms, 1m30s or 250us, got "1m30x"'],
    [["--duration", "0s"], 'meshsim: --duration must be longer than 0, got "0s"'],
    [["--workers", "0"], 'meshsim: --workers must be a positive integer, got "0"'],
    [["--replications", "2.5"], 'meshsim: --replications must be a positive integer, got "2.5"'],
    [["--seed", "-3"], 'meshsim: --seed must be a non-negative integer, got "-3"'],
    [["--rps", "-1"], 'meshsim: --rps must be positive numbers separated by commas (100,200,400) or a range start..end:step (100..1000:100), got "-1"'],
    [["--rps", "100,,200"], 'meshsim: --rps must be positive numbers separated by commas (100,200,400) or a range start..end:step (100..1000:100), got "100,,200"'],
    [["--mtls", "maybe"], 'meshsim: --mtls must be one of off, permissive, strict, got "maybe"'],
    [["--rps", "10,10"], 'meshsim: --rps names 10 twice, got "10,10"'],
    [["--mesh", ""], 'meshsim: --mesh must be values separated by commas, none empty, got ""'],
    [["--mesh", "none,,istio"], 'meshsim: --mesh must be values separated by commas, none empty, got "none,,istio"'],
    [["--mesh", "none,none"], 'meshsim: --mesh names "none" twice'],
    [["--traffic-config", ""], 'meshsim: --traffic-config must be values separated by commas, none empty, got ""'],
    [["--traffic-config", "a.yaml,a.yaml"], 'meshsim: --traffic-config names "a.yaml" twice'],
    // The list of profiles after the message grows as models/ does, so only its start is pinned.
    [["--mesh", "nosuchmesh"], /^meshsim: --mesh names unknown mesh nosuchmesh; profiles in models\/: none\b/],
    [["--mesh", "nonee"], /^meshsim: --mesh names unknown mesh nonee \(did you mean none\?\); profiles in models\/: /],
  ])("meshsim run fortio %j exits 2 naming the flag", async (flags, expected) => {
    const { exitCode, stdout, stderr } = await meshsim("run", "fortio", ...flags);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    if (typeof expected === "string") expect(onlyErrorLine(stderr)).toBe(expected);
    else expect(onlyErrorLine(stderr)).toMatch(expected);
    expect(stdout).toBe("");
  });

  it("meshsim run fortio --duration 1m30s --warmup 250ms reads both in the one duration grammar", async () => {
    const { exitCode, stdout } = await meshsim("run", "fortio", "--mesh", "none", "--rps", "10", "--duration", "1m30s", "--warmup", "250ms", "--replications", "1", "--workers", "1", "--json");
    expect(exitCode).toBe(EXIT_OK);
    expect(JSON.parse(stdout).runs[0].durationS).toBe(90);
  });

  // A zero warm-up is valid (the schema allows load.warmupS: 0), unlike a zero duration.
  it("meshsim run fortio --warmup 0s runs without a warm-up", async () => {
    const { exitCode } = await meshsim(...tinyRun(), "--warmup", "0s");
    expect(exitCode).toBe(EXIT_OK);
  });
});

describe("runCli: run fortio", () => {
  it("meshsim run fortio --json prints the results document the README documents", async () => {
    const { exitCode, stdout, stderr } = await meshsim(...tinyRun(), "--json");
    expect(exitCode).toBe(EXIT_OK);
    expect(stderr).toBe("");
    const document = JSON.parse(stdout);
    const packageVersion = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;

    expect(document.schemaVersion).toBe(1);
    expect(document.meta).toMatchObject({ tool: "meshsim", version: packageVersion, wallSeconds: expect.any(Number) });
    expect(document.scenario).toEqual({ name: "fortio", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(document.seed).toBe(1);
    expect(document.runs).toHaveLength(1);

    const [run] = document.runs;
    expect(run).toMatchObject({ mesh: "none", mtls: "off", rps: 1000, durationS: 1, replications: 2 });
    expectRequestCounts(run.requests);
    expect(run.requests.completed).toBeGreaterThan(0);
    expectLatencySummary(run.latencyMs);
    expect(Object.keys(run.byRequestType)).toEqual(["echo"]);
    expectLatencySummary(run.byRequestType.echo.latencyMs);
    expectRequestCounts(run.byRequestType.echo.requests);
    expect(run.hops.length).toBeGreaterThan(0);
    for (const hop of run.hops) {
      expect(hop).toMatchObject({ station: expect.any(String), meanMs: expect.any(Number), utilization: expect.any(Number) });
      expect(hop.utilization).toBeGreaterThanOrEqual(0);
      expect(hop.utilization).toBeLessThanOrEqual(1);
    }
    expect(run.hops.map((hop: { station: string }) => hop.station)).toContain("app/fortioserver");
    expect(run.resources.dataPlane).toMatchObject({ vcpu: expect.any(Number), memoryMb: expect.any(Number), proxies: expect.any(Number) });
    expect(Number.isInteger(run.resources.dataPlane.proxies)).toBe(true);
    expect(run.resources.controlPlane).toMatchObject({ vcpu: expect.any(Number), memoryMb: expect.any(Number) });
    expect(Array.isArray(run.warnings)).toBe(true);
    for (const warning of run.warnings) expect(typeof warning).toBe("string");
  });

  it("meshsim run fortio --json <file> writes the document and prints the table", async () => {
    const path = join(folder, "fortio-results.json");
    const { exitCode, stdout } = await meshsim(...tinyRun(), "--json", path);
    expect(exitCode).toBe(EXIT_OK);
    const written = JSON.parse(readFileSync(path, "utf8"));
    expect(written.scenario.name).toBe("fortio");
    expect(stdout).toContain("p99 ms");
    expect(stdout).toMatch(/│ none +│ off +│ +1,000 │/);
    expect(() => JSON.parse(stdout)).toThrow();
  });

  it("meshsim run fortio --out <dir> writes <dir>/results.json, creating the folder", async () => {
    const out = join(folder, "out", "nested");
    const { exitCode, stdout, stderr } = await meshsim(...tinyRun(), "--out", out);
    expect(exitCode).toBe(EXIT_OK);
    const path = join(out, "results.json");
    expect(existsSync(path)).toBe(true);
    expect(JSON.parse(readFileSync(path, "utf8")).runs[0].durationS).toBe(1);
    expect(stdout).toContain("p99 ms");
    expect(stderr).toBe(`wrote ${path}\n`);
  });

  it("meshsim run fortio --out <dir> --quiet writes nothing on stderr", async () => {
    const out = join(folder, "quiet");
    const { exitCode, stderr } = await meshsim(...tinyRun(), "--out", out, "--quiet");
    expect(exitCode).toBe(EXIT_OK);
    expect(existsSync(join(out, "results.json"))).toBe(true);
    expect(stderr).toBe("");
  });

  it("the same run twice gives byte-identical documents once meta is removed", async () => {
    const first = await meshsim(...tinyRun(), "--json");
    const second = await meshsim(...tinyRun(), "--json");
    expect(first.stdout.length).toBeGreaterThan(0);
    expect(withoutMeta(second.stdout)).toBe(withoutMeta(first.stdout));
  });

  it("a different seed gives a different document", async () => {
    const first = await meshsim(...tinyRun(), "--json");
    const other = await meshsim(...tinyRun(), "--json", "--seed", "2");
    expect(withoutMeta(other.stdout)).not.toBe(withoutMeta(first.stdout));
  });

  it("two worker threads give the same document as one once meta is removed", async () => {
    const inThread = await meshsim(...tinyRun(), "--json");
    const pooled = await meshsim(...tinyRun("2"), "--json");
    expect(pooled.exitCode).toBe(EXIT_OK);
    expect(withoutMeta(pooled.stdout)).toBe(withoutMeta(inThread.stdout));
  });
});

// --- internal ---

/** One service at 10 ms a request, one worker: 200 requests/s offer it 200% of its capacity. */
function overloadedScenarioYaml(): string {
  return [
    "name: overloaded",
    "services:",
    "  - name: solo",
    "    concurrency: 1",
    "    serviceTime: { type: exponential, meanMs: 10 }",
    "requestTypes:",
    "  - name: get",
    "    entry: solo",
    "load:",
    "  type: open",
    "  ratePerSec: 200",
    "",
  ].join("\n");
}

function expectRequestCounts(requests: { completed: unknown; failed: unknown; failedByReason: unknown }): void {
  expect(requests).toEqual({ completed: expect.any(Number), failed: expect.any(Number), failedByReason: expect.any(Object) });
}

function expectLatencySummary(latency: Record<string, unknown>): void {
  for (const key of ["mean", "p50", "p90", "p99", "p999", "max"]) expect(latency[key], key).toEqual(expect.any(Number));
  const { p50, p90, p99, p999, max } = latency as Record<string, number>;
  expect([p50, p90, p99, p999]).toEqual([...[p50, p90, p99, p999]].sort((a, b) => a - b));
  expect(p999).toBeLessThanOrEqual(max);
  const ci95 = latency.ci95 as { p50: [number, number]; p99: [number, number] };
  for (const pair of [ci95.p50, ci95.p99]) {
    expect(pair).toEqual([expect.any(Number), expect.any(Number)]);
    expect(pair[0]).toBeLessThanOrEqual(pair[1]);
  }
}
