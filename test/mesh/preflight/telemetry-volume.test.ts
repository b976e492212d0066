import { describe, expect, it } from "vitest";
import { deriveMeshOptions, telemetryVolume, type MeshProfile, type TelemetrySettings } from "../../../src/mesh/index.js";
import { parseScenario } from "../../../src/import/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

/**
 * A tiny mesh: the load generator calls web (2 pods), web calls api (3 pods, failing 10 % of its
 * requests, so two response codes) once per request and the db (1 pod, TCP) twice.
 */
const TOPOLOGY = parseScenario(
  "tiny.yaml",
  {
    name: "tiny",
    cluster: { nodes: 2 },
    services: [
      { name: "web", replicas: 2, serviceTime: { type: "constant", valueMs: 1 } },
      { name: "api", replicas: 3, serviceTime: { type: "constant", valueMs: 1 }, failures: { errorRate: 0.1 } },
      { name: "db", kind: "db", serviceTime: { type: "constant", valueMs: 1 } },
    ],
    requestTypes: [{ name: "r", entry: "web", calls: [{ call: "api" }, { call: "db", repeat: 2 }] }],
    load: { type: "open", ratePerSec: 10 },
  },
  "",
).topology;

const ON: TelemetrySettings = { metrics: true, accessLogs: true, tracing: { sampling: 0.5 } };

function volumeOf(profile: MeshProfile, settings: TelemetrySettings, clientMeshed = false, ratePerSec = 100) {
  const mesh = deriveMeshOptions(profile, TOPOLOGY, { mtls: "off", l7: false, ingress: "direct", encryption: "none" });
  return telemetryVolume(profile, settings, { topology: TOPOLOGY, mesh, ratePerSec, clientMeshed });
}

describe("telemetryVolume", () => {
  it("telemetryVolume(istio) counts the standard metrics' series exactly as their formula on a tiny mesh", () => {
    // Istio: 67 series per reporting sidecar, peer and response code over HTTP (1 counter + 3
    // histograms of 22 series), 4 TCP counters per peer; both sides report.
    //   load generator -> web: unmeshed client, web's 2 sidecars report, one code: 2 x 67
    //   web -> api: web's 2 sidecars and api's 3 report, two codes (200, 500): (2 + 3) x 67 x 2
    //   web -> db (TCP): web's 2 sidecars and db's 1: (2 + 1) x 4
    expect(volumeOf(loadMeshProfile("istio"), ON).series).toBe(2 * 67 + (2 + 3) * 67 * 2 + (2 + 1) * 4);
  });

  it("telemetryVolume(linkerd2) counts request_total per peer and the per-status series apart", () => {
    // Linkerd: 1 series per peer plus 29 per peer and status over HTTP, 33 per peer over TCP.
    expect(volumeOf(loadMeshProfile("linkerd2"), ON).series).toBe(2 * (1 + 29) + (2 + 3) * (1 + 29 * 2) + (2 + 1) * 33);
  });

  it("telemetryVolume(istio, meshed client) adds the load generator's sidecar as a reporter of its requests", () => {
    const withClient = volumeOf(loadMeshProfile("istio"), ON, true).series;
    expect(withClient - volumeOf(loadMeshProfile("istio"), ON).series).toBe(67);
  });

  it("telemetryVolume(istio) with metrics off has no series and no stats memory", () => {
    const volume = volumeOf(loadMeshProfile("istio"), { ...ON, metrics: false });
    expect(volume.series).toBe(0);
    expect(volume.proxyStatsMemoryMb).toBe(0);
  });

  it("telemetryVolume(istio) makes one span and one log line per HTTP request per sidecar it passes", () => {
    // HTTP passes per request: web's sidecar (1, the client is unmeshed), then web's and api's (2).
    const volume = volumeOf(loadMeshProfile("istio"), ON, false, 100);
    expect(volume.accessLogLinesPerSec).toBeCloseTo(100 * 3, 9);
    expect(volume.spansPerSec).toBeCloseTo(100 * 3 * 0.5, 9);
  });

  it("telemetryVolume(istio) at sampling 0 makes no spans, and its proxies' CPU is that of the metrics and logs alone", () => {
    const istio = loadMeshProfile("istio");
    const volume = volumeOf(istio, { ...ON, tracing: { sampling: 0 } }, false, 100);
    expect(volume.spansPerSec).toBe(0);
    const telemetry = istio.telemetry!;
    expect(volume.proxyVcpu).toBeCloseTo((300 * (telemetry.metricsCpuMsPerRequest + telemetry.accessLogCpuMsPerRequest)) / 1000, 12);
  });

  it("telemetryVolume(istio) sends the collectors the scrapes, the spans and the log lines, byte for byte", () => {
    const istio = loadMeshProfile("istio");
    const telemetry = istio.telemetry!;
    const volume = volumeOf(istio, ON, false, 100);
    const scrapes = (volume.series * telemetry.scrapeBytesPerSeries) / telemetry.scrapeIntervalS;
    expect(volume.collectorBytesPerSec).toBeCloseTo(scrapes + 150 * telemetry.spanBytes + 300 * telemetry.accessLogBytesPerRequest, 6);
    expect(volume.proxyStatsMemoryMb).toBeCloseTo((volume.series * telemetry.statsMemoryKbPerSeries) / 1024, 12);
  });

  it("telemetryVolume(istio-ambient) without L7 has no waypoint, so no L7 series or spans", () => {
    const volume = volumeOf(loadMeshProfile("istio-ambient"), ON);
    expect(volume.series).toBe(0);
    expect(volume.spansPerSec).toBe(0);
  });

  it("telemetryVolume(none) is all zero", () => {
    expect(volumeOf(loadMeshProfile("none"), ON)).toEqual({ series: 0, proxyStatsMemoryMb: 0, spansPerSec: 0, accessLogLinesPerSec: 0, proxyVcpu: 0, collectorBytesPerSec: 0 });
  });
});
