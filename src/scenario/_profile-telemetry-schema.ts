/**
 * `telemetry` in the mesh profile schema: the mesh's default metrics, access logs and tracing,
 * and what each part costs in one proxy.
 */

/** Series a proxy holds per peer, as one metric family's labels multiply them. */
const peerSeries = {
  type: "object",
  required: ["perPeer", "perPeerAndCode"],
  properties: {
    perPeer: { type: "integer", minimum: 0, description: "series per peer whatever the response code" },
    perPeerAndCode: { type: "integer", minimum: 0, description: "series per peer and response code" },
  },
  additionalProperties: false,
} as const;

/** The mesh's default telemetry and what each part costs in one proxy. */
export const telemetry = {
  type: "object",
  required: [
    "defaults",
    "metricsCpuMsPerRequest",
    "accessLogCpuMsPerRequest",
    "accessLogBytesPerRequest",
    "spanCpuMs",
    "spanBytes",
    "reporters",
    "series",
    "statsMemoryKbPerSeries",
    "scrapeBytesPerSeries",
    "scrapeIntervalS",
  ],
  properties: {
    defaults: {
      type: "object",
      required: ["metrics", "accessLogs", "tracing"],
      properties: {
        metrics: { type: "boolean" },
        accessLogs: { type: "boolean" },
        tracing: {
          type: "object",
          required: ["sampling"],
          properties: { sampling: { type: "number", minimum: 0, maximum: 1 } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    unsupported: {
      type: "object",
      properties: {
        metrics: { type: "string", minLength: 1 },
        accessLogs: { type: "string", minLength: 1 },
        tracing: { type: "string", minLength: 1 },
      },
      additionalProperties: false,
      description: "parts of the telemetry the mesh cannot produce, each with the reason",
    },
    metricsCpuMsPerRequest: { type: "number", minimum: 0, description: "request metrics, per HTTP/gRPC request per instance, ms" },
    accessLogCpuMsPerRequest: { type: "number", minimum: 0, description: "one access-log line, per instance, ms" },
    accessLogBytesPerRequest: { type: "number", minimum: 0, description: "bytes of one access-log line" },
    spanCpuMs: { type: "number", minimum: 0, description: "one span (creation and export), per instance, ms" },
    spanBytes: { type: "number", minimum: 0, description: "bytes of one exported span" },
    reporters: { enum: ["both", "server"], description: "which side's proxies report a call's metrics" },
    series: {
      type: "object",
      required: ["http", "tcp"],
      properties: { http: peerSeries, tcp: peerSeries },
      additionalProperties: false,
    },
    statsMemoryKbPerSeries: { type: "number", minimum: 0, description: "proxy memory per series it holds, KB" },
    scrapeBytesPerSeries: { type: "number", minimum: 0, description: "bytes of one series in a scrape" },
    scrapeIntervalS: { type: "number", exclusiveMinimum: 0, description: "scrape interval of the mesh's Prometheus set-up, s" },
  },
  additionalProperties: false,
} as const;
