/**
 * The monitoring stack behind the proxies, sized from what they send it: Prometheus (memory per
 * active series, CPU and disk per sample scraped), the tracing backend (collector CPU and storage
 * per span) and the log store (volume per day). The same for every mesh: each figure is a property
 * of the backend, with its source beside it (models/SOURCES.md, "Monitoring stack").
 */

import type { MeshProfile, TelemetrySettings } from "../model/index.js";
import type { TelemetryVolume } from "./telemetry-volume.js";

/**
 * Memory of one active series in Prometheus's head block, KB: "As of Prometheus 2.20 a good rule
 * of thumb should be around 3kB per series in the head" (Brian Brazil, robustperception.io, "Why
 * does Prometheus use so much RAM?"), covering the series' structures, samples of a usual scrape
 * interval and remote write.
 */
export const PROMETHEUS_KB_PER_SERIES = 3;

/**
 * Disk per sample on average, bytes: "On average, Prometheus uses only around 1-2 bytes per sample"
 * (prometheus.io docs, Storage, "Operational aspects"); the middle of that range.
 */
export const PROMETHEUS_BYTES_PER_SAMPLE = 1.5;

/**
 * CPU to scrape, parse and append one sample, ms. Estimate: about 200,000 samples per second per
 * core for scraping and TSDB appends (text parsing, label hashing, head append, WAL write), so
 * 0.005 ms per sample; no published per-sample measurement was found. Queries and rules are apart.
 */
export const PROMETHEUS_CPU_MS_PER_SAMPLE = 0.005;

/**
 * CPU of the tracing collector per span received, batched and exported to storage, ms. Estimate:
 * an OpenTelemetry Collector with the batch processor handles on the order of 10,000 spans per
 * second per core, so 0.1 ms per span; no measurement is cited for it.
 */
export const COLLECTOR_CPU_MS_PER_SPAN = 0.1;

/**
 * Storage per span kept by the tracing backend, bytes: the span as exported (the profile's
 * spanBytes) plus its indexes, taken as 1.5 x the exported span. Estimate (Jaeger's and Tempo's
 * docs give no per-span figure).
 */
export const TRACE_STORAGE_OVERHEAD = 1.5;

const SECONDS_PER_DAY = 86_400;
const BYTES_PER_GB = 1024 ** 3;

export interface MonitoringStack {
  prometheus: { series: number; samplesPerSec: number; memoryMb: number; vcpu: number; diskGbPerDay: number };
  tracing: { spansPerSec: number; collectorVcpu: number; storageGbPerDay: number };
  accessLogs: { linesPerSec: number; gbPerDay: number };
  /** The stack's CPU and memory together (Prometheus and the trace collector; log shipping apart). */
  vcpu: number;
  memoryMb: number;
}

/**
 * The monitoring stack `volume` needs, at the scrape interval of `profile`'s Prometheus set-up.
 * @example monitoringStack(istio, settings, volume).prometheus.memoryMb // series x 3 / 1024
 */
export function monitoringStack(profile: MeshProfile, settings: TelemetrySettings, volume: TelemetryVolume): MonitoringStack {
  const telemetry = profile.telemetry;
  const samplesPerSec = telemetry ? volume.series / telemetry.scrapeIntervalS : 0;
  const memoryMb = (volume.series * PROMETHEUS_KB_PER_SERIES) / 1024;
  const prometheusVcpu = (samplesPerSec * PROMETHEUS_CPU_MS_PER_SAMPLE) / 1000;
  const collectorVcpu = (volume.spansPerSec * COLLECTOR_CPU_MS_PER_SPAN) / 1000;
  const spanBytes = telemetry?.spanBytes ?? 0;
  const lineBytes = settings.accessLogs ? (telemetry?.accessLogBytesPerRequest ?? 0) : 0;
  return {
    prometheus: {
      series: volume.series,
      samplesPerSec,
      memoryMb,
      vcpu: prometheusVcpu,
      diskGbPerDay: (samplesPerSec * SECONDS_PER_DAY * PROMETHEUS_BYTES_PER_SAMPLE) / BYTES_PER_GB,
    },
    tracing: {
      spansPerSec: volume.spansPerSec,
      collectorVcpu,
      storageGbPerDay: (volume.spansPerSec * SECONDS_PER_DAY * spanBytes * TRACE_STORAGE_OVERHEAD) / BYTES_PER_GB,
    },
    accessLogs: { linesPerSec: volume.accessLogLinesPerSec, gbPerDay: (volume.accessLogLinesPerSec * SECONDS_PER_DAY * lineBytes) / BYTES_PER_GB },
    vcpu: prometheusVcpu + collectorVcpu,
    memoryMb,
  };
}
