// `meshsim run --out`: the results document and the report, with the report's path last on
// stdout (after the table).

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_OK } from "../../../src/cli/index.js";
import { formatAdded } from "../../../src/report/added-latency.js";
import { studentTQuantile975 } from "../../../src/stats/index.js";
import { meshsim } from "./_meshsim.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-run-out-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const TINY = ["run", "fortio", "--mesh", "none,linkerd2", "--rps", "500,1000", "--duration", "1s", "--replications", "1", "--workers", "1"];

describe("meshsim run --out", () => {
  it("writes results.json and the report, and ends stdout with the report's path", async () => {
    const out = join(folder, "out");
    const { exitCode, stdout, stderr } = await meshsim(...TINY, "--out", out);
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toContain("p99 ms");
    expect(stdout.endsWith(`\nreport: ${join(out, "report.html")}\n`)).toBe(true);
    expect(stderr).toBe(`wrote ${join(out, "results.json")}\n`);
    expect(JSON.parse(readFileSync(join(out, "results.json"), "utf8")).runs).toHaveLength(4);
    for (const chart of ["latency-vs-load", "latency-overhead", "latency-cdf", "hop-breakdown", "resource-cost", "latency-cost"]) {
      expect(existsSync(join(out, "charts", `${chart}.png`))).toBe(true);
    }
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("meshsim report: fortio");
    expect(html).toContain("Linkerd 2");
  });

  it("with --json and no file, stdout is only the document and the report's path goes to stderr", async () => {
    const out = join(folder, "json");
    const { exitCode, stdout, stderr } = await meshsim(...TINY, "--out", out, "--json");
    expect(exitCode).toBe(EXIT_OK);
    expect(JSON.parse(stdout).runs).toHaveLength(4);
    expect(stderr).toBe(`wrote ${join(out, "results.json")}\nreport: ${join(out, "report.html")}\n`);
  });

  it("a shard run with --out writes the shard document and no report", async () => {
    const out = join(folder, "shard");
    const { exitCode } = await meshsim(...TINY, "--out", out, "--shard", "1/2");
    expect(exitCode).toBe(EXIT_OK);
    expect(existsSync(join(out, "shard-1-of-2.json"))).toBe(true);
    expect(existsSync(join(out, "report.html"))).toBe(false);
  });
});

describe("meshsim run --json -", () => {
  it("prints the document on stdout like --json alone and writes no file named -", async () => {
    const cwdDash = join(process.cwd(), "-");
    const dash = await meshsim(...TINY, "--json", "-");
    expect(dash.exitCode).toBe(EXIT_OK);
    expect(JSON.parse(dash.stdout).runs).toHaveLength(4);
    expect(existsSync(cwdDash)).toBe(false);
  });
});

describe("meshsim run --mesh all", () => {
  const STRICT = ["run", "fortio", "--rps", "100", "--duration", "0.5s", "--warmup", "0.1s", "--replications", "1", "--workers", "1", "--mtls", "strict"];

  it("leaves out a mesh that cannot express the settings and says which and why under the table", async () => {
    const { exitCode, stdout } = await meshsim(...STRICT, "--mesh", "all");
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout).toContain("not run (--mesh all leaves out a mesh that cannot express the settings):\n  traefik-mesh: cannot express mTLS strict: it supports off");
    expect(stdout).toMatch(/│ istio +│ strict/);
  });

  it("does the same by default (the scenario names no meshes), in the document and on stderr with --json", async () => {
    const { exitCode, stdout, stderr } = await meshsim(...STRICT, "--json");
    expect(exitCode).toBe(EXIT_OK);
    const document = JSON.parse(stdout);
    expect(document.runs.map((run: { mesh: string }) => run.mesh)).not.toContain("traefik-mesh");
    expect(document.skippedMeshes).toEqual([{ mesh: "traefik-mesh", reason: "cannot express mTLS strict: it supports off" }]);
    expect(stderr).toBe("note: --mesh all: skipped traefik-mesh, which cannot express mTLS strict: it supports off\n");
  });

  it("an explicit list keeps the error naming the mesh", async () => {
    const { exitCode, stdout, stderr } = await meshsim(...STRICT, "--mesh", "none,traefik-mesh");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stdout).toBe("");
    expect(stderr).toBe("meshsim: mesh traefik-mesh cannot express mTLS strict: it supports off\n");
  });
});

describe("meshsim run --out with another output in its report", () => {
  it.each([
    [["--json"], "report.html", (out: string) => `meshsim: --json and --out both write ${join(out, "report.html")}: give each its own file\n`],
    [["--traces"], join("charts", "latency-cdf.svg"), (out: string) => `meshsim: --traces names ${join(out, "charts", "latency-cdf.svg")}, in the folder ${join(out, "charts")} that --out fills: give it a file outside it\n`],
  ])("regression: %j naming %s exits 2 before simulating, where the report silently replaced it", async ([flag], file, message) => {
    const out = join(folder, `report-clash-${flag.slice(2)}`);
    const { exitCode, stdout, stderr } = await meshsim(...TINY, "--out", out, flag, join(out, file));
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stdout).toBe("");
    expect(stderr).toBe(message(out));
    expect(existsSync(out)).toBe(false);
  });
});

describe("meshsim run: the decision summary", () => {
  it("opens the output, per mesh, with its calibration from the results document", async () => {
    const { exitCode, stdout } = await meshsim(...TINY.map((arg) => (arg === "500,1000" ? "1000" : arg)));
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout.startsWith("decision summary at 1,000 requests/s, against no mesh at the same load:\n")).toBe(true);
    // One replication: no interval, so each figure is marked and the mark explained.
    expect(stdout).toMatch(/│ Linkerd 2 +│ +\+[\d.]+ \? │ +\+[\d.]+ \? │ none +│.*│ calibrated \/ calibrated \/ calibrated +│/);
    expect(stdout).toContain("? = one replication, so no interval: the figure may be noise (--replications 2 or more gives one)");
    const json = await meshsim(...TINY, "--json");
    expect(JSON.parse(json.stdout).calibration.linkerd2.latency).toMatchObject({ status: "calibrated", field: "dataPlane.proxy.pathMsPerPass.http1" });
  });
});

describe("meshsim run --rps", () => {
  const ONE = ["run", "fortio", "--mesh", "none", "--duration", "0.3s", "--warmup", "0.1s", "--replications", "1", "--workers", "1"];

  it("regression: takes a range start..end:step as sweep does, and runs each load of it", async () => {
    const { exitCode, stdout, stderr } = await meshsim(...ONE, "--rps", "100..300:100", "--json");
    expect(stderr).toBe("");
    expect(exitCode).toBe(EXIT_OK);
    expect(JSON.parse(stdout).runs.map((run: { rps: number }) => run.rps)).toEqual([100, 200, 300]);
  });

  it("keeps a list's order in the results, as before ranges", async () => {
    const { exitCode, stdout } = await meshsim(...ONE, "--rps", "300,100", "--json");
    expect(exitCode).toBe(EXIT_OK);
    expect(JSON.parse(stdout).runs.map((run: { rps: number }) => run.rps)).toEqual([300, 100]);
  });

  it.each([
    ["100..50:10", 'meshsim: --rps range must be start..end:step with 0 < start <= end and step > 0, got "100..50:10"\n'],
    ["fast", 'meshsim: --rps must be positive numbers separated by commas (100,200,400) or a range start..end:step (100..1000:100), got "fast"\n'],
    ["100,100", 'meshsim: --rps names 100 twice, got "100,100"\n'],
  ])("--rps %j exits 2 with the line sweep gives", async (value, message) => {
    const { exitCode, stdout, stderr } = await meshsim(...ONE, "--rps", value);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(message);
    expect(stdout).toBe("");
  });
});

describe("meshsim run: the decision summary against the noise between replications", () => {
  it("pairs replication i of each mesh with no mesh's (common random numbers): far narrower intervals than the runs' own, shown as +x ±h or ≈0 (±h)", async () => {
    const file = join(folder, "paired.json");
    const { exitCode, stdout } = await meshsim("run", "robot-shop", "--mesh", "none,cilium,istio", "--rps", "150", "--duration", "2s", "--replications", "4", "--workers", "1", "--json", file);
    expect(exitCode).toBe(EXIT_OK);
    type Latency = { p50: number; p99: number; ci95: Record<Statistic, [number, number]>; replications: Record<Statistic, number[]> };
    type Statistic = "p50" | "p99";
    const runs: Array<{ mesh: string; latencyMs: Latency }> = JSON.parse(readFileSync(file, "utf8")).runs;
    const none = runs.find((run) => run.mesh === "none")!.latencyMs;
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    const cells = new Map<string, string[]>();
    for (const run of runs.filter((candidate) => candidate.mesh !== "none")) {
      const figures = (["p50", "p99"] as const).map((statistic) => {
        const differences = run.latencyMs.replications[statistic].map((value, i) => value - none.replications[statistic][i]);
        expect(differences).toHaveLength(4);
        const mean = differences.reduce((sum, d) => sum + d, 0) / 4;
        const sd = Math.sqrt(differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / 3);
        const paired = (studentTQuantile975(3) * sd) / Math.sqrt(4);
        const own = (interval: [number, number]) => (interval[0] <= 0 ? interval[1] : (interval[1] - interval[0]) / 2);
        // The runs' own intervals hold both runs' whole spread, the part they share included.
        expect(paired).toBeLessThan(Math.hypot(own(run.latencyMs.ci95[statistic]), own(none.ci95[statistic])) / 2);
        return formatAdded({ ms: run.latencyMs[statistic] - none[statistic], halfWidthMs: paired });
      });
      cells.set(run.mesh, figures);
    }
    for (const [mesh, name] of [["cilium", "Cilium"], ["istio", "Istio"]]) {
      expect(stdout).toMatch(new RegExp(`│ ${name} +│ +${cells.get(mesh)!.map(escape).join(" │ +")} │ none +│`));
    }
    // Both renderings occur: what stands out of the noise, and what does not.
    expect([...cells.values()].flat().join(" ")).toMatch(/≈0 \(±[\d.]+\)/);
    expect([...cells.values()].flat().join(" ")).toMatch(/\+[\d.]+ ±[\d.]+/);
  });

  it("without none in --mesh, says in one line there is nothing to compare with and how to get it", async () => {
    const { exitCode, stdout } = await meshsim("run", "fortio", "--mesh", "istio", "--rps", "100", "--duration", "0.5s", "--replications", "1", "--workers", "1");
    expect(exitCode).toBe(EXIT_OK);
    expect(stdout.split("\n")[0]).toBe("decision summary at 100 requests/s: there is no no-mesh run to compare latency with; add none to --mesh (--mesh none,istio) to see what each mesh adds");
    expect(stdout).not.toContain("adds p99");
  });
});
