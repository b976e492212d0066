import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_OK } from "../../../src/cli/index.js";
import { runCli } from "../../../src/cli/index.js";
import { renderTerminal } from "../_terminal.js";
import { meshsim } from "./_meshsim.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-sweep-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** fortio, no mesh, one simulated second, one replication, in this thread. */
const SMALL = ["sweep", "fortio", "--mesh", "none", "--duration", "1s", "--replications", "1", "--workers", "1"];

describe("meshsim sweep", () => {
  it("--rps a,b,c prints one row per load and logs each point on stderr", async () => {
    const { exitCode, stdout, stderr } = await meshsim(...SMALL, "--rps", "500,1000,2000");
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toMatch(/│ none +│ +500 │/);
    expect(stdout).toMatch(/│ none +│ +2,000 │/);
    expect(stderr.trim().split("\n")).toHaveLength(3);
    expect(stderr).toMatch(/^sweep: none @ 500 rps: p99 [\d.]+ ms$/m);
  });

  it("--slo with a range finds the highest load within the SLO, counting an overloaded load as failing", async () => {
    const out = join(folder, "slo");
    const { exitCode, stdout } = await meshsim(
      ...SMALL,
      "--set",
      "services.fortioserver.serviceTime.meanMs=1",
      "--rps",
      "500..2000:500",
      "--slo",
      "p99<1s",
      "--out",
      out,
      "--quiet",
    );
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toContain("highest load within the SLO p99<1s");
    expect(stdout).toContain("not simulated");
    const document = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    // 2 workers of 1 ms saturate at 2000/s: the bisection narrows 1500..2000 to 50 requests/s.
    const [capacity] = document.sweep.capacity;
    expect(capacity.failedBy).toBe("overload");
    expect(capacity.firstFailingRps - capacity.maxRps).toBeLessThanOrEqual(50);
    expect(capacity.maxRps).toBeGreaterThanOrEqual(1500);
    expect(stdout.endsWith(`\nreport: ${join(out, "report.html")}\n`)).toBe(true);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("How much load each mesh takes within the SLO p99&lt;1s");
    expect(readFileSync(join(out, "charts", "latency-vs-load.vl.json"), "utf8")).toContain("highest load within the SLO");
  });

  it("regression: --out when every load overloads a station writes the document and a report saying so (was an internal error, exit 1)", async () => {
    const out = join(folder, "all-overloaded");
    // fortio's server (2 workers of 1 ms) saturates at 2000/s: nothing from 3000/s up is simulated.
    const { exitCode, stdout, stderr } = await meshsim(...SMALL, "--set", "services.fortioserver.serviceTime.meanMs=1", "--rps", "3000,4000", "--slo", "p99<1s", "--out", out, "--quiet");
    expect(stderr).toBe("");
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toContain("3,000 (overloaded)");
    const document = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(document.runs).toEqual([]);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("every point was overloaded, so none was simulated");
    const again = await meshsim("report", join(out, "results.json"), "--out", join(folder, "all-overloaded-report"));
    expect(again.exitCode).toBe(EXIT_OK);
  });

  it("--set over a scenario value runs each value and labels the runs with it", async () => {
    const { exitCode, stdout } = await meshsim(...SMALL, "--set", "load.warmupS=0,1", "--json");
    expect(exitCode).toBe(EXIT_OK);
    const document = JSON.parse(stdout);
    expect(document.runs.map((run: { parameters: object }) => run.parameters)).toEqual([{ "load.warmupS": 0 }, { "load.warmupS": 1 }]);
  });

  it("--json - prints the sweep document on stdout instead of the table", async () => {
    const { exitCode, stdout } = await meshsim(...SMALL, "--rps", "500", "--json", "-");
    expect(exitCode).toBe(EXIT_OK);
    expect(JSON.parse(stdout).runs).toHaveLength(1);
    expect(existsSync(join(process.cwd(), "-"))).toBe(false);
  });

  it("with every mesh, leaves out the meshes that cannot express a variant's settings, per variant", async () => {
    const { exitCode, stdout } = await meshsim(
      "sweep", "fortio", "--mesh", "all", "--rps", "100", "--duration", "0.5s", "--warmup", "0.1s", "--replications", "1", "--workers", "1",
      "--mtls", "strict", "--set", "mesh.encryption=none,wireguard", "--json",
    );
    expect(exitCode).toBe(EXIT_OK);
    const document = JSON.parse(stdout);
    const skipped = (value: string) => document.skippedMeshes.filter((entry: { parameters: object }) => JSON.stringify(entry.parameters) === JSON.stringify({ "mesh.encryption": value }));
    expect(skipped("none").map((entry: { mesh: string }) => entry.mesh)).toEqual(["traefik-mesh"]);
    expect(skipped("wireguard").map((entry: { mesh: string }) => entry.mesh)).not.toContain("cilium");
    const wireguardRuns = document.runs.filter((run: { parameters: Record<string, string> }) => run.parameters["mesh.encryption"] === "wireguard");
    expect(wireguardRuns.map((run: { mesh: string }) => run.mesh)).toEqual(["none", "cilium"]);
  });

  it("on a terminal, shows a progress bar over the points under the points' lines", async () => {
    let stderr = "";
    let now = 0;
    const io = { stdout: () => {}, stderr: (text: string) => (stderr += text), stderrIsTty: true, now: () => (now += 50), columns: 120 };
    const exitCode = await runCli(["node", "meshsim", ...SMALL, "--rps", "500,1000"], io);
    expect(exitCode).toBe(EXIT_OK);
    const screen = renderTerminal(stderr).filter((line) => line !== "");
    expect(screen).toHaveLength(3);
    expect(screen[0]).toMatch(/^sweep: none @ 500 rps: p99 [\d.]+ ms$/);
    expect(screen[1]).toMatch(/^sweep: none @ 1000 rps: p99 [\d.]+ ms$/);
    expect(screen[2]).toMatch(/^simulated 2 points in [\d.]+ s$/);
  });

  it("a closed loop's points and rows show its users and the throughput they achieved, not 0 rps", async () => {
    const path = join(folder, "closed.yaml");
    writeFileSync(
      path,
      "name: closed\nservices:\n  - name: web\n    concurrency: 4\n    serviceTime: { type: exponential, meanMs: 1 }\nrequestTypes:\n  - name: get\n    entry: web\nload: { type: closed, connections: 4 }\n",
    );
    const { exitCode, stdout, stderr } = await meshsim("sweep", path, "--mesh", "none", "--duration", "0.5s", "--replications", "1", "--workers", "1", "--set", "load.connections=2,4");
    expect(exitCode).toBe(EXIT_OK);
    expect(stderr).toMatch(/^sweep: none \(load\.connections=2\) @ 2 users \([\d.]+ requests\/s achieved\): p99/m);
    expect(stderr).not.toContain("@ 0 rps");
    expect(stdout).toMatch(/│ +[\d,.]+ \(4 users\) │/);
  });

  it("--set without --duration uses each value's own duration", async () => {
    const { stdout } = await meshsim("sweep", "fortio", "--mesh", "none", "--replications", "1", "--workers", "1", "--set", "load.durationS=1,2", "--json");
    expect(JSON.parse(stdout).runs.map((run: { durationS: number }) => run.durationS)).toEqual([1, 2]);
  });

  it.each([
    [["--rps", "100"], "--slo", "p99<<5", `meshsim: --slo must look like p99<50ms (statistic p50, p90, p99, p999 or mean; < or <=; a positive duration like 30s, 500ms, 1m30s or 250us, a bare number in ms), got "p99<<5"`],
    [[], "--rps", "100..50:10", `meshsim: --rps range must be start..end:step with 0 < start <= end and step > 0, got "100..50:10"`],
    [[], "--rps", "fast", `meshsim: --rps must be positive numbers separated by commas (100,200,400) or a range start..end:step (100..1000:100), got "fast"`],
    [[], "--rps", "200,100,200", `meshsim: --rps names 200 twice, got "200,100,200"`],
    [[], "--set", "replicas", `meshsim: --set must look like path=value[,value...] with a dotted path (services.2.replicas=1,2,3), got "replicas"`],
    [[], "--set", "services.7.replicas=1", "meshsim: --set services.7 is not in the scenario (1 entries: use an index from 0 or a name)"],
    [[], "--set", "services.0.replicas=0", "meshsim: fortio.yaml: services[0].replicas must be at least 1, got 0 (with --set services.0.replicas=0)"],
    [[], "--slo", "p99<5ms", "meshsim: --slo needs --rps: the loads to search, e.g. --rps 100..1000:100"],
    [["--rps", "100"], "--mesh", "istoi", "meshsim: --mesh names unknown mesh istoi"],
    [[], "--set", "services.0.__proto__=1", "meshsim: --set path services.0.__proto__ is not allowed: __proto__, constructor and prototype cannot be keys"],
    [[], "--set", "constructor.x=1", "meshsim: --set path constructor.x is not allowed: __proto__, constructor and prototype cannot be keys"],
    [[], "--set", "load.durationS=1,2,1", "meshsim: --set names load.durationS=1 twice"],
    // Regression: the flag replaced every --set value, so the rows differed in their label alone.
    [["--mtls", "strict"], "--set", "mesh.mtls=off,strict", "meshsim: --set mesh.mtls and --mtls set the same field, and --mtls would replace every --set value: drop one of them"],
    [["--rps", "100"], "--set", "load.ratePerSec=50,60", "meshsim: --set load.ratePerSec and --rps set the same field, and --rps would replace every --set value: drop one of them"],
    [["--duration", "1s"], "--set", "load.durationS=2,3", "meshsim: --set load.durationS and --duration set the same field, and --duration would replace every --set value: drop one of them"],
    [["--warmup", "1s"], "--set", "load.warmupS=0,1", "meshsim: --set load.warmupS and --warmup set the same field, and --warmup would replace every --set value: drop one of them"],
  ])("bad input (%j %s %s) exits 2 with one line naming the flag", async (before, flag, value, message) => {
    const { exitCode, stderr, stdout } = await meshsim(...SMALL, ...before, flag, value);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr.split("\n")).toHaveLength(2);
    expect(stdout).toBe("");
  });

  it("without --rps or --set there is nothing to sweep", async () => {
    const { exitCode, stderr } = await meshsim(...SMALL);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe("meshsim: sweep needs --rps (loads, e.g. 100..1000:100) or --set (scenario values, e.g. services.2.replicas=1,2,3)\n");
  });

  it("--set naming a path twice is refused", async () => {
    const { exitCode, stderr } = await meshsim(...SMALL, "--set", "load.durationS=1", "--set", "load.durationS=2");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe("meshsim: --set names load.durationS twice; give all its values in one --set\n");
    expect(existsSync(join(folder, "never"))).toBe(false);
  });
});
