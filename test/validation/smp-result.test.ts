import { describe, expect, it } from "vitest";
import { parseSmpResult } from "../../src/validation/index.js";

const snake = () => ({
  performance_test_config: { clients: [{ load_generator: "fortio", rps: 500 }, { load_generator: "fortio", rps: "500" }], duration: "60s" },
  performance_test_result: {
    labels: { mesh: "linkerd" },
    latencies_ms: { min: 0.2, average: 0.9, p50: 0.8, p90: 1.4, p99: 2.5, max: 9 },
    actual_QPS: 998.5,
  },
  service_mesh_config: { sidecar: { count: 10, cpu_mCores: 350, mem_mb: 180 }, mesh_control_plane: { cpu_mCores: 20, mem_mb: 300 } },
});

describe("parseSmpResult", () => {
  it("reads SMP's proto field names", () => {
    expect(parseSmpResult(snake(), "smp.json")).toEqual({
      file: "smp.json",
      format: "smp",
      qps: 998.5,
      requestedQps: 1000,
      percentiles: [
        { percentile: 50, valueMs: 0.8 },
        { percentile: 90, valueMs: 1.4 },
        { percentile: 99, valueMs: 2.5 },
      ],
      meanMs: 0.9,
      maxMs: 9,
      dataPlane: { vcpu: 0.35, memoryMb: 180 },
      controlPlane: { vcpu: 0.02, memoryMb: 300 },
      labels: "mesh=linkerd",
    });
  });

  it("reads protobuf's JSON names and a bare PerformanceTestResult", () => {
    const camel = {
      performanceTestResult: { latenciesMs: { p50: 1, p99: 3 }, actualQPS: 100 },
      serviceMeshConfig: { sidecar: { cpuMCores: 100, memMb: 40 }, meshControlPlane: { memMb: 200 } },
    };
    expect(parseSmpResult(camel, "c.json")).toMatchObject({ qps: 100, dataPlane: { vcpu: 0.1, memoryMb: 40 }, controlPlane: { memoryMb: 200 } });
    expect(parseSmpResult({ latencies_ms: { p50: 1 }, actual_QPS: 10 }, "b.json").percentiles).toEqual([{ percentile: 50, valueMs: 1 }]);
  });

  it("falls back to the clients' rate when the achieved rate is missing", () => {
    const document = snake();
    delete (document.performance_test_result as Record<string, unknown>).actual_QPS;
    expect(parseSmpResult(document, "s.json").qps).toBe(1000);
  });

  it.each([
    [{ performance_test_result: 5 }, "s.json: performance_test_result must be an object"],
    [{ performance_test_result: {} }, "s.json: performance_test_result.latencies_ms must be an object with p50, p90, p99 in ms"],
    [{ latencies_ms: { p50: -1 }, actual_QPS: 1 }, "s.json: latencies_ms.p50 must be a number >= 0, got -1"],
    [{ latencies_ms: { max: 1 }, actual_QPS: 1 }, "s.json: latencies_ms has none of p50, p90, p99, average: nothing to compare"],
    [{ latencies_ms: { p50: 1 } }, "s.json: actual_QPS must be a number above 0 (or give performance_test_config.clients[].rps)"],
  ])("refuses %j naming the field", (document, message) => {
    expect(() => parseSmpResult(document, "s.json")).toThrow(message);
  });
});
