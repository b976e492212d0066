import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseMeasurement, readMeasurement, replayRate } from "../../src/validation/index.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/fortio-istio-1000qps.json");
const folder = mkdtempSync(join(tmpdir(), "meshsim-measurement-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("readMeasurement", () => {
  it("tells Fortio, Meshery (runner_results) and SMP (YAML too) apart by their fields", () => {
    expect(readMeasurement(FIXTURE).format).toBe("fortio");
    const meshery = join(folder, "meshery.json");
    writeFileSync(meshery, JSON.stringify({ name: "run", mesh: "istio", runner_results: JSON.parse(readFileSync(FIXTURE, "utf8")) }));
    expect(readMeasurement(meshery)).toMatchObject({ format: "fortio", requestedQps: 1000 });
    const smp = join(folder, "smp.yaml");
    writeFileSync(smp, "performance_test_result:\n  latencies_ms: { p50: 1.5, p99: 4 }\n  actual_QPS: 200\n");
    expect(readMeasurement(smp)).toMatchObject({ format: "smp", qps: 200 });
  });

  it("names the field inside runner_results", () => {
    expect(() => parseMeasurement({ runner_results: { DurationHistogram: {}, ActualQPS: "x" } }, "m.json")).toThrow(
      `m.json: runner_results.ActualQPS must be a number above 0, got "x"`,
    );
  });

  it("refuses a file of neither format", () => {
    expect(() => parseMeasurement({ p99: 4 }, "x.json")).toThrow(
      "x.json: is neither a Fortio result (no DurationHistogram) nor SMP results (no performance_test_result or latencies_ms)",
    );
    expect(() => readMeasurement(join(folder, "missing.json"))).toThrow("missing.json: no such file");
  });
});

describe("replayRate", () => {
  it.each([
    [999.98, 1000, 1000],
    [950, 1000, 1000],
    [949, 1000, 949],
    [1234.567, undefined, 1234.57],
  ])("achieved %s of requested %s replays at %s", (qps, requestedQps, expected) => {
    expect(replayRate({ qps, requestedQps })).toBe(expected);
  });
});
