import { describe, expect, it } from "vitest";
import {
  COLLECTOR_CPU_MS_PER_SPAN,
  monitoringStack,
  PROMETHEUS_BYTES_PER_SAMPLE,
  PROMETHEUS_CPU_MS_PER_SAMPLE,
  PROMETHEUS_KB_PER_SERIES,
  TRACE_STORAGE_OVERHEAD,
} from "../../../src/mesh/preflight/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

const ISTIO = loadMeshProfile("istio");
const VOLUME = { series: 10_000, proxyStatsMemoryMb: 0, spansPerSec: 200, accessLogLinesPerSec: 1000, proxyVcpu: 0, collectorBytesPerSec: 0 };

describe("monitoringStack", () => {
  it("monitoringStack() sizes Prometheus from its per-series and per-sample figures", () => {
    const stack = monitoringStack(ISTIO, { metrics: true, accessLogs: true, tracing: { sampling: 1 } }, VOLUME);
    const samplesPerSec = 10_000 / ISTIO.telemetry!.scrapeIntervalS;
    expect(stack.prometheus.samplesPerSec).toBeCloseTo(samplesPerSec, 12);
    expect(stack.prometheus.memoryMb).toBeCloseTo((10_000 * PROMETHEUS_KB_PER_SERIES) / 1024, 12);
    expect(stack.prometheus.vcpu).toBeCloseTo((samplesPerSec * PROMETHEUS_CPU_MS_PER_SAMPLE) / 1000, 12);
    expect(stack.prometheus.diskGbPerDay).toBeCloseTo((samplesPerSec * 86_400 * PROMETHEUS_BYTES_PER_SAMPLE) / 1024 ** 3, 12);
  });

  it("monitoringStack() sizes the trace collector and store per span, and the logs per line", () => {
    const stack = monitoringStack(ISTIO, { metrics: true, accessLogs: true, tracing: { sampling: 1 } }, VOLUME);
    expect(stack.tracing.collectorVcpu).toBeCloseTo((200 * COLLECTOR_CPU_MS_PER_SPAN) / 1000, 12);
    expect(stack.tracing.storageGbPerDay).toBeCloseTo((200 * 86_400 * ISTIO.telemetry!.spanBytes * TRACE_STORAGE_OVERHEAD) / 1024 ** 3, 12);
    expect(stack.accessLogs.gbPerDay).toBeCloseTo((1000 * 86_400 * ISTIO.telemetry!.accessLogBytesPerRequest) / 1024 ** 3, 12);
    expect(stack.vcpu).toBeCloseTo(stack.prometheus.vcpu + stack.tracing.collectorVcpu, 12);
  });

  it("monitoringStack() with no spans costs the tracing backend nothing", () => {
    const stack = monitoringStack(ISTIO, { metrics: true, accessLogs: false, tracing: { sampling: 0 } }, { ...VOLUME, spansPerSec: 0 });
    expect(stack.tracing).toEqual({ spansPerSec: 0, collectorVcpu: 0, storageGbPerDay: 0 });
  });
});
