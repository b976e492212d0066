import { describe, expect, it } from "vitest";
import { SMP_SPEC_REVISION, toSmpDocument } from "../../src/check/index.js";
import { parseMeasurement } from "../../src/validation/index.js";
import { makeRun } from "./_results.js";

const context = { scenario: "shop", startedMs: Date.UTC(2024, 4, 14, 10, 0, 0), connections: 16 };

describe("toSmpDocument", () => {
  const run = makeRun({ mesh: "istio-ambient", rps: 500, p50: 0.4, p99: 1.2, vcpu: 0.25, memoryMb: 24.4 });
  const document = toSmpDocument(run, context);

  it("maps the load, the latencies and the mesh's cost to SMP's messages", () => {
    expect(document.performance_test_config).toMatchObject({
      smp_version: SMP_SPEC_REVISION,
      clients: [{ internal: true, load_generator: "meshsim", protocol: "http", connections: 16, rps: 500 }],
      duration: "40s",
    });
    expect(document.performance_test_result).toMatchObject({
      start_time: "2024-05-14T10:00:00.000Z",
      end_time: "2024-05-14T10:00:40.000Z",
      latencies_ms: { average: 0.44, p50: 0.4, p90: 0.8, p99: 1.2, max: 2.4 },
      actual_QPS: 500,
    });
    expect(document.service_mesh_config).toMatchObject({
      sidecar: { count: 4, cpu_mCores: 250, mem_mb: 24, rps: 500 },
      mesh_control_plane: { cpu_mCores: 100, mem_mb: 50 },
      mtls_enabled: true,
      mesh_type: { type: "istio" },
    });
  });

  it.each([
    ["linkerd2", "linkerd"],
    ["traefik-mesh", "maesh"],
    ["consul", "consul"],
  ])("names %s %s in SMP's mesh types", (mesh, type) => {
    expect(toSmpDocument(makeRun({ mesh }), context).service_mesh_config.mesh_type).toEqual({ type });
  });

  it("gives no mesh type to meshes SMP does not list", () => {
    expect(toSmpDocument(makeRun({ mesh: "cilium" }), context).service_mesh_config.mesh_type).toBeUndefined();
  });

  it("round-trips through the --measured parser, resources included", () => {
    const measurement = parseMeasurement(JSON.parse(JSON.stringify(document)), "run.smp.json");
    expect(measurement).toMatchObject({
      format: "smp",
      qps: 500,
      requestedQps: 500,
      meanMs: 0.44,
      maxMs: 2.4,
      dataPlane: { vcpu: 0.25, memoryMb: 24 },
      controlPlane: { vcpu: 0.1, memoryMb: 50 },
    });
    expect(measurement.percentiles).toEqual([
      { percentile: 50, valueMs: 0.4 },
      { percentile: 90, valueMs: 0.8 },
      { percentile: 99, valueMs: 1.2 },
    ]);
  });
});
