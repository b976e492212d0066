import { describe, expect, it } from "vitest";
import { applyTelemetryCosts, resolveTelemetry, telemetryCpuMsDelta } from "../../../src/mesh/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

const ISTIO = loadMeshProfile("istio");
const TELEMETRY = ISTIO.telemetry!;

describe("resolveTelemetry", () => {
  it("resolveTelemetry(istio, { accessLogs: true }) keeps the mesh's defaults for what it leaves out", () => {
    expect(resolveTelemetry(ISTIO, { accessLogs: true })).toEqual({ metrics: TELEMETRY.defaults.metrics, accessLogs: true, tracing: { sampling: TELEMETRY.defaults.tracing.sampling } });
  });

  it("resolveTelemetry(none) is undefined: no mesh, no telemetry", () => {
    expect(resolveTelemetry(loadMeshProfile("none"), { accessLogs: true })).toBeUndefined();
  });
});

describe("telemetryCpuMsDelta", () => {
  it.each([
    ["access logs on", { accessLogs: true }, TELEMETRY.accessLogCpuMsPerRequest],
    ["metrics off", { metrics: false }, -TELEMETRY.metricsCpuMsPerRequest],
    ["every request traced", { tracing: { sampling: 1 } }, (1 - TELEMETRY.defaults.tracing.sampling) * TELEMETRY.spanCpuMs],
    ["tracing off", { tracing: { sampling: 0 } }, -TELEMETRY.defaults.tracing.sampling * TELEMETRY.spanCpuMs],
    ["the defaults", {}, 0],
  ])("telemetryCpuMsDelta(istio, %s) is the profile's figure for that term", (_, request, expected) => {
    expect(telemetryCpuMsDelta(TELEMETRY, resolveTelemetry(ISTIO, request)!)).toBeCloseTo(expected, 15);
  });

  it("telemetryCpuMsDelta(linkerd2) at its default sampling 0 costs no tracing CPU", () => {
    const linkerd = loadMeshProfile("linkerd2");
    expect(linkerd.telemetry!.defaults.tracing.sampling).toBe(0);
    expect(telemetryCpuMsDelta(linkerd.telemetry!, resolveTelemetry(linkerd, { tracing: { sampling: 0 } })!)).toBe(0);
  });
});

describe("applyTelemetryCosts", () => {
  it("applyTelemetryCosts(istio, defaults) returns the profile itself, so default runs are unchanged", () => {
    expect(applyTelemetryCosts(ISTIO, resolveTelemetry(ISTIO, {}))).toBe(ISTIO);
    expect(applyTelemetryCosts(ISTIO, undefined)).toBe(ISTIO);
  });

  it("applyTelemetryCosts(istio, access logs) adds the access log's CPU to the sidecar's and gateway's HTTP and gRPC requests, not TCP", () => {
    const logged = applyTelemetryCosts(ISTIO, resolveTelemetry(ISTIO, { accessLogs: true }));
    for (const kind of ["proxy", "gateway"] as const) {
      const before = ISTIO.dataPlane![kind]!.cpuMsPerRequest;
      const after = logged.dataPlane![kind]!.cpuMsPerRequest;
      expect(after.http1).toBeCloseTo(before.http1 + TELEMETRY.accessLogCpuMsPerRequest, 15);
      expect(after.grpc).toBeCloseTo(before.grpc + TELEMETRY.accessLogCpuMsPerRequest, 15);
      expect(after.tcp).toBe(before.tcp);
    }
    expect(ISTIO.dataPlane!.proxy!.cpuMsPerRequest.http1).toBe(0.196);
  });

  it("applyTelemetryCosts(istio-ambient, every request traced) charges the waypoint, not ztunnel (L4)", () => {
    const ambient = loadMeshProfile("istio-ambient");
    const traced = applyTelemetryCosts(ambient, resolveTelemetry(ambient, { tracing: { sampling: 1 } }));
    expect(traced.dataPlane!.proxy).toBe(ambient.dataPlane!.proxy);
    expect(traced.dataPlane!.l7Proxy!.cpuMsPerRequest.http1).toBeGreaterThan(ambient.dataPlane!.l7Proxy!.cpuMsPerRequest.http1);
  });

  it("applyTelemetryCosts throws when the telemetry's cost exceeds the proxy's measured CPU", () => {
    const tiny = { ...ISTIO, telemetry: { ...TELEMETRY, metricsCpuMsPerRequest: 1 } };
    expect(() => applyTelemetryCosts(tiny, resolveTelemetry(tiny, { metrics: false }))).toThrow(/istio dataPlane.proxy.cpuMsPerRequest.http1 would fall below 0/);
  });
});
