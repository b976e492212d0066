// `meshsim validate --measured`: a real measurement against the prediction for it, with the exit
// codes CI branches on; and `--only traffic`, the one built-in group fast enough to run whole
// here. The theory, nodes, calibration and connections parts are tested in test/validation/, and
// .ci/run runs `meshsim validate` whole.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { meshsim } from "./_meshsim.js";
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK } from "../../../src/cli/index.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/fortio-istio-1000qps.json");
const folder = mkdtempSync(join(tmpdir(), "meshsim-validate-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));


const SHORT = ["--duration", "1s", "--replications", "2", "--workers", "1"];

describe("meshsim validate --measured", () => {
  it("prints predicted vs measured per percentile and exits 0 without a target", async () => {
    const { exitCode, stdout, stderr } = await meshsim("validate", "--measured", FIXTURE, "--scenario", "fortio", "--mesh", "istio", ...SHORT);
    expect(exitCode).toBe(EXIT_OK);
    expect(stderr).toBe("");
    expect(stdout.split("\n")[0]).toBe(`fortio measurement ${FIXTURE} vs fortio under istio at 1000 rps`);
    for (const metric of ["p50 ms", "p75 ms", "p90 ms", "p99 ms", "p99.9 ms", "mean ms"]) expect(stdout).toContain(`│ ${metric}`);
    expect(stdout).toMatch(/largest error \d+\.\d\d% \(no target: give --max-error to gate on it\)\n$/);
  });

  it("exits 3 when an error is past --max-error", async () => {
    const { exitCode, stdout } = await meshsim("validate", "--measured", FIXTURE, "--scenario", "fortio", "--mesh", "none", "--max-error", "20%", ...SHORT);
    expect(exitCode).toBe(EXIT_CHECK_FAILED);
    expect(stdout).toMatch(/FAIL/);
    expect(stdout).toMatch(/within ±20%: \d of 6\n$/);
  });

  it("exits 0 on its own export, within 1%, and prints JSON with --json", async () => {
    const out = join(folder, "export");
    const exported = await meshsim("export", "fortio", "--mesh", "istio", "--format", "fortio", "--out", out, "--quiet", ...SHORT);
    expect(exported.exitCode).toBe(EXIT_OK);
    const { exitCode, stdout } = await meshsim(
      "validate", "--measured", join(out, "istio-1000rps.fortio.json"), "--scenario", "fortio", "--mesh", "istio", "--max-error", "1", "--json", ...SHORT,
    );
    expect(exitCode).toBe(EXIT_OK);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ format: "fortio", mesh: "istio", rps: 1000 });
    expect(report.rows.map((row: { metric: string }) => row.metric)).toEqual(["p50 ms", "p75 ms", "p90 ms", "p99 ms", "p99.9 ms", "mean ms"]);
  });

  it("reads SMP results exported by meshsim, CPU and memory included", async () => {
    const out = join(folder, "smp");
    await meshsim("export", "fortio", "--mesh", "istio", "--format", "smp", "--out", out, "--quiet", ...SHORT);
    const { exitCode, stdout } = await meshsim("validate", "--measured", join(out, "istio-1000rps.smp.json"), "--scenario", "fortio", "--mesh", "istio", "--max-error", "2%", ...SHORT);
    expect(exitCode).toBe(EXIT_OK);
    for (const metric of ["data plane vCPU", "data plane MB", "control plane vCPU", "control plane MB"]) expect(stdout).toContain(metric);
  });

  it.each([
    [["--measured", FIXTURE, "--mesh", "istio"], "meshsim: --measured needs --scenario <scenario>: the scenario that matches the measured setup"],
    [["--measured", FIXTURE, "--scenario", "fortio"], "meshsim: --measured needs --mesh <id>: the mesh the measurement ran under (none for no mesh)"],
    [["--measured", FIXTURE, "--scenario", "fortio", "--mesh", "itsio"], "meshsim: --mesh names unknown mesh itsio (did you mean istio?)"],
    [["--measured", FIXTURE, "--scenario", "fortio", "--mesh", "istio,linkerd2"], `meshsim: --mesh with --measured names the one mesh the measurement ran under, got "istio,linkerd2"`],
    [["--measured", FIXTURE, "--scenario", "fortio", "--mesh", "all"], `meshsim: --mesh with --measured names the one mesh the measurement ran under, got "all"`],
    [["--measured", FIXTURE, "--scenario", "fortio", "--mesh", "istio", "--max-error", "lots"], `meshsim: --max-error must be a percentage above 0 like 20%, got "lots"`],
    [["--measured", "missing.json", "--scenario", "fortio", "--mesh", "istio"], "meshsim: missing.json: no such file"],
    [["--measured", FIXTURE, "--scenario", "fortio", "--mesh", "istio", "--only", "theory"], "meshsim: --only applies without --measured"],
    [["--scenario", "fortio"], "meshsim: --scenario applies with --measured <file>"],
    [["--max-error", "20%"], "meshsim: --max-error applies with --measured <file>"],
    [["--only", "routing"], `meshsim: --only must be one of all, theory, nodes, calibration, connections, traffic, stages, timeline, autoscaling, zones, clusters, got "routing"`],
  ])("exits 2 with one line for %j", async (args, message) => {
    const { exitCode, stderr } = await meshsim("validate", ...args);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr.split("\n")).toHaveLength(2);
  });
});

describe("meshsim validate --help", () => {
  it("says --only's default once, in words", async () => {
    const { stdout } = await meshsim("validate", "--help");
    const only = stdout.slice(stdout.indexOf("--only"), stdout.indexOf("--workers"));
    expect(only.replace(/\s+/g, " ")).toContain("(default: all ten)");
    expect(only.match(/\(default/g)).toHaveLength(1);
  });
});

describe("meshsim validate --only traffic", () => {
  it("prints the traffic rows against theory and exits 0 when all pass", async () => {
    const { exitCode, stdout, stderr } = await meshsim("validate", "--only", "traffic", "--workers", "1");
    expect(exitCode).toBe(EXIT_OK);
    expect(stderr).toBe("");
    expect(stdout).toContain("│ traffic rules │ retries: error rate 0.3, 2 retries on 5xx │ tries per call");
    expect(stdout).not.toContain("queueing theory");
    expect(stdout).toMatch(/\n7 passed, 0 failed\n$/);
  }, 60_000);

  it("prints the rows with their basis as JSON with --json", async () => {
    const { exitCode, stdout } = await meshsim("validate", "--only", "traffic", "--workers", "1", "--json");
    expect(exitCode).toBe(EXIT_OK);
    const rows = JSON.parse(stdout) as Array<{ group: string; metric: string; basis: string; pass: boolean }>;
    expect(rows).toHaveLength(7);
    expect(rows.every((row) => row.group === "traffic rules" && row.pass)).toBe(true);
    expect(rows[0].basis).toMatch(/^\(1 - p\^\(n\+1\)\) \/ \(1 - p\); ±4 standard errors \(CLT\) at [\d,]+ calls$/);
  }, 60_000);
});
