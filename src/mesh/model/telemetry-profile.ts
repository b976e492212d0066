/**
 * What a mesh's telemetry is by default and what each part of it costs in one proxy: metrics,
 * access logs and trace spans per request, the series its standard metrics give a peer, and the
 * settings a run chooses. Profiles are data (models/<id>.yaml `telemetry`); the costs are applied
 * as differences from the defaults, because the profiles' per-request CPU was measured with them.
 */

/** The telemetry a run asks of its mesh: `mesh.telemetry` in a scenario, resolved per mesh. */
export interface TelemetrySettings {
  /** The proxies keep and expose the mesh's standard request metrics (Prometheus). */
  metrics: boolean;
  /** The proxies write one access-log line per request. */
  accessLogs: boolean;
  /** Share of requests traced, 0..1 (head sampling: a sampled request gets a span at every proxy it passes). */
  tracing: { sampling: number };
}

/** Series the standard metrics give one reporting proxy per peer, for one protocol class. */
export interface PeerSeries {
  /** Series per peer whatever the response code (Linkerd's request_total). */
  perPeer: number;
  /** Series per peer and response code (Istio's counter and histograms with response_code). */
  perPeerAndCode: number;
}

export interface TelemetryProfile {
  /** What the mesh ships with; the profile's cpuMsPerRequest was measured with these. */
  defaults: TelemetrySettings;
  /** Parts of the telemetry the mesh cannot produce at all, each with the reason; a run that asks for one is refused. */
  unsupported?: { metrics?: string; accessLogs?: string; tracing?: string };
  /** CPU of the request metrics in one proxy instance per HTTP/gRPC request (both passes), ms. */
  metricsCpuMsPerRequest: number;
  /** CPU of writing one access-log line (format and write) in one instance, ms. */
  accessLogCpuMsPerRequest: number;
  /** Bytes of one access-log line in the mesh's default format. */
  accessLogBytesPerRequest: number;
  /** CPU of one span in one instance: creation, tags, encoding and export, ms. */
  spanCpuMs: number;
  /** Bytes of one span as exported to the collector. */
  spanBytes: number;
  /** Which side's proxies report a call's metrics: both (sidecars, agents) or the server's (a waypoint). */
  reporters: "both" | "server";
  /** Series of the standard metrics per reporting instance, per peer: HTTP and gRPC calls, and TCP. */
  series: { http: PeerSeries; tcp: PeerSeries };
  /** Memory one series takes in the proxy that holds it, KB. */
  statsMemoryKbPerSeries: number;
  /** Bytes of one series in a scrape of the proxy's Prometheus endpoint (exposition text). */
  scrapeBytesPerSeries: number;
  /** How often the mesh's Prometheus set-up scrapes each proxy, s. */
  scrapeIntervalS: number;
}

/** What a scenario's `mesh.telemetry` asks: each field left out keeps the mesh's default. */
export interface TelemetryRequest {
  metrics?: boolean;
  accessLogs?: boolean;
  tracing?: { sampling?: number };
}
