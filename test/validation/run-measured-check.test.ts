import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toFortioResult } from "../../src/check/index.js";
import { runScenario } from "../../src/runner/index.js";
import { loadScenario, parseScenario } from "../../src/import/index.js";
import { parseMeasurement, readMeasurement, runMeasuredCheck } from "../../src/validation/index.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/fortio-istio-1000qps.json");
const SHORT = { durationS: 1, warmupS: 0.2, replications: 2, workers: 1 };

describe("runMeasuredCheck", () => {
  it("reports the error of every measured percentile and the mean, with no target unless given", async () => {
    const check = await runMeasuredCheck(readMeasurement(FIXTURE), { scenario: loadScenario("fortio"), mesh: "none", ...SHORT });
    expect(check.rps).toBe(1000);
    expect(check.run).toMatchObject({ mesh: "none", rps: 1000, replications: 2 });
    expect(check.rows.map((row) => row.metric)).toEqual(["p50 ms", "p75 ms", "p90 ms", "p99 ms", "p99.9 ms", "mean ms"]);
    expect(check.rows.every((row) => row.pass && row.tolerancePct === Number.POSITIVE_INFINITY)).toBe(true);
    // Without a mesh, the prediction is well under Istio's measured latency.
    expect(check.rows[0].errorPct).toBeLessThan(0);
    expect(check.rows[0].expected).toBeCloseTo(0.5619, 4);
  });

  it("fails rows past --max-error", async () => {
    const check = await runMeasuredCheck(readMeasurement(FIXTURE), { scenario: loadScenario("fortio"), mesh: "none", maxErrorPct: 20, ...SHORT });
    expect(check.rows.some((row) => !row.pass)).toBe(true);
    expect(check.rows.every((row) => row.tolerancePct === 20)).toBe(true);
  });

  it("predicts its own exported run with no error (same scenario, mesh, seed and length)", async () => {
    const scenario = loadScenario("fortio");
    const document = await runScenario({ scenario, meshes: ["istio"], rates: [1000], durationS: 1, warmupS: 0.2, replications: 2, seed: 3 }, { workers: 1 });
    const exported = JSON.parse(JSON.stringify(toFortioResult(document.runs[0], { scenario: "fortio", version: "test", startedMs: 0 })));
    const check = await runMeasuredCheck(parseMeasurement(exported, "exported.json"), { scenario, mesh: "istio", seed: 3, maxErrorPct: 0.1, ...SHORT });
    expect(check.rows.map((row) => row.metric)).toEqual(["p50 ms", "p75 ms", "p90 ms", "p99 ms", "p99.9 ms", "mean ms"]);
    for (const row of check.rows) expect(Math.abs(row.errorPct)).toBeLessThanOrEqual(0.1);
  });

  it("compares CPU and memory when the measurement has them", async () => {
    const measurement = {
      ...parseMeasurement({ latencies_ms: { p50: 0.5, p99: 1 }, actual_QPS: 1000 }, "smp.json"),
      dataPlane: { vcpu: 0.4, memoryMb: 120 },
      controlPlane: { vcpu: 0.01, memoryMb: 800 },
    };
    const check = await runMeasuredCheck(measurement, { scenario: loadScenario("fortio"), mesh: "istio", ...SHORT });
    expect(check.rows.map((row) => row.metric)).toEqual(["p50 ms", "p99 ms", "data plane vCPU", "data plane MB", "control plane vCPU", "control plane MB"]);
  });

  it("refuses a closed-loop scenario", async () => {
    const closed = parseScenario(
      "closed.yaml",
      {
        name: "closed",
        services: [{ name: "server", serviceTime: { type: "exponential", meanMs: 1 } }],
        requestTypes: [{ name: "request", entry: "server" }],
        load: { type: "closed", connections: 4, thinkTime: { type: "exponential", meanMs: 10 }, durationS: 1 },
      },
      "",
    );
    await expect(runMeasuredCheck(readMeasurement(FIXTURE), { scenario: closed, mesh: "none", ...SHORT })).rejects.toThrow(
      "closed.yaml: load.type must be open to replay a measurement at its rate (the measured QPS becomes load.ratePerSec)",
    );
  });
});
