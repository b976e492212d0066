// `meshsim export`: one Fortio or SMP file per run, from a results document or a scenario.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_OK, runCli } from "../../../src/cli/index.js";
import { parseMeasurement } from "../../../src/validation/index.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-export-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function meshsim(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(["node", "meshsim", ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stderrIsTty: false,
    now: () => Date.UTC(2024, 0, 1),
  });
  return { exitCode, stdout, stderr };
}

const RUN = ["--mesh", "none,istio", "--rps", "500,1000", "--duration", "1s", "--replications", "2", "--workers", "1"];

describe("meshsim export", () => {
  it("regression: gives each run of a sweep over --set values, and each closed loop, a file of its own (they shared <mesh>-<rps>rps and overwrote each other)", async () => {
    const sweep = join(folder, "sweep.json");
    const swept = await meshsim("sweep", "fortio", "--mesh", "none", "--rps", "500", "--set", "services.fortioserver.concurrency=2,4", "--duration", "1s", "--replications", "1", "--workers", "1", "--quiet", "--json", sweep);
    expect(swept.exitCode).toBe(EXIT_OK);
    const out = join(folder, "sweep-smp");
    expect((await meshsim("export", sweep, "--format", "smp", "--out", out, "--quiet")).exitCode).toBe(EXIT_OK);
    expect(readdirSync(out).sort()).toEqual(["none-services.fortioserver.concurrency=2-500rps.smp.json", "none-services.fortioserver.concurrency=4-500rps.smp.json"]);

    const closed = JSON.parse(readFileSync(sweep, "utf8"));
    closed.runs = closed.runs.map((run: Record<string, unknown>, index: number) => ({ ...run, rps: 0, users: 8 * (index + 1), parameters: undefined }));
    const closedPath = join(folder, "closed.json");
    writeFileSync(closedPath, JSON.stringify(closed));
    const closedOut = join(folder, "closed-fortio");
    expect((await meshsim("export", closedPath, "--format", "fortio", "--out", closedOut, "--quiet")).exitCode).toBe(EXIT_OK);
    expect(readdirSync(closedOut).sort()).toEqual(["none-16users.fortio.json", "none-8users.fortio.json"]);
  });

  it("writes one Fortio result per run of a results document, readable as a measurement", async () => {
    const results = join(folder, "results.json");
    expect((await meshsim("run", "fortio", ...RUN, "--json", results)).exitCode).toBe(EXIT_OK);
    const out = join(folder, "fortio");
    const { exitCode, stderr } = await meshsim("export", results, "--format", "fortio", "--out", out);
    expect(exitCode).toBe(EXIT_OK);
    expect(readdirSync(out).sort()).toEqual(["istio-1000rps.fortio.json", "istio-500rps.fortio.json", "none-1000rps.fortio.json", "none-500rps.fortio.json"]);
    expect(stderr).toContain(`wrote ${join(out, "none-500rps.fortio.json")}\n`);
    const document = JSON.parse(readFileSync(results, "utf8"));
    const run = document.runs.find((candidate: { mesh: string; rps: number }) => candidate.mesh === "istio" && candidate.rps === 500);
    const fortio = JSON.parse(readFileSync(join(out, "istio-500rps.fortio.json"), "utf8"));
    expect(fortio).toMatchObject({ RunType: "HTTP", RequestedQPS: "500", StartTime: "2024-01-01T00:00:00.000Z", ActualDuration: 2e9 });
    const measurement = parseMeasurement(fortio, "istio-500rps.fortio.json");
    expect(measurement.percentiles.find((entry) => entry.percentile === 99)!.valueMs).toBeCloseTo(run.latencyMs.p99, 9);
    expect(measurement.qps).toBe(run.throughputPerSec);
  });

  it("runs a scenario first and writes SMP results, with the scenario's connections", async () => {
    const out = join(folder, "smp");
    const { exitCode } = await meshsim("export", "fortio", ...RUN, "--format", "smp", "--out", out, "--quiet");
    expect(exitCode).toBe(EXIT_OK);
    const smp = JSON.parse(readFileSync(join(out, "istio-1000rps.smp.json"), "utf8"));
    expect(smp.performance_test_config.clients[0]).toMatchObject({ connections: 16, rps: 1000 });
    expect(smp.service_mesh_config.mesh_type).toEqual({ type: "istio" });
    expect(parseMeasurement(smp, "istio.smp.json").format).toBe("smp");
  });

  it("writes each run's HdrHistogram log and percentile spectrum", async () => {
    const out = join(folder, "hdr");
    const { exitCode } = await meshsim("export", "fortio", ...RUN, "--format", "hdr", "--out", out, "--quiet");
    expect(exitCode).toBe(EXIT_OK);
    expect(readdirSync(out).filter((name) => name.startsWith("istio-1000rps"))).toEqual(["istio-1000rps.hgrm", "istio-1000rps.hlog"]);
    expect(readFileSync(join(out, "istio-1000rps.hlog"), "utf8")).toMatch(/\n0\.000,2\.000,[\d.]+,HISTF/);
    expect(readFileSync(join(out, "istio-1000rps.hgrm"), "utf8")).toContain("Total count");
  });

  it.each([
    [["fortio", "--format", "csv", "--out", "x"], `meshsim: --format must be one of fortio, smp, hdr, got "csv"\n`],
    [["fortio", "--format", "fortio"], "meshsim: required option '--out <dir>' not specified (see --help)\n"],
  ])("exits 2 for %j", async (args, message) => {
    const { exitCode, stderr } = await meshsim("export", ...args);
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(message);
  });
});
