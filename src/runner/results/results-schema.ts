/**
 * The JSON Schema of the results document (results.json, and a sweep's document), for scripts
 * and editors: `meshsim schema --results`. It follows results-document.ts field for field; it
 * allows fields it does not name, as the document may gain fields (never lose or rename them).
 */

const number = { type: "number" } as const;
const nonNegative = { type: "number", minimum: 0 } as const;
const count = { type: "integer", minimum: 0 } as const;
const text = { type: "string" } as const;
/** Traffic per pair of places (zones, or clusters): calls per second, GB per month, and their money. */
const trafficPairs = {
  type: "array",
  items: {
    type: "object",
    required: ["from", "to", "callsPerSec", "gbPerMonth"],
    properties: { from: text, to: text, callsPerSec: nonNegative, gbPerMonth: nonNegative, monthlyCost: nonNegative },
  },
} as const;
/** A 95% interval, or null with one replication. */
const interval = { oneOf: [{ type: "array", items: number, minItems: 2, maxItems: 2 }, { type: "null" }] } as const;

/** One percentile of each replication, in replication order. */
const replicationPercentiles = { type: "array", items: nonNegative, minItems: 2 } as const;

const requestCounts = {
  type: "object",
  required: ["completed", "failed", "failedByReason"],
  properties: {
    completed: count,
    failed: count,
    failedByReason: { type: "object", additionalProperties: count, description: "failed requests by reason: mtls-plaintext-refused, denied-by-policy, timeout, ..." },
  },
} as const;

const latencySummary = {
  type: "object",
  description: "latency of completed requests, ms, from the merged histogram; null percentiles when nothing completed",
  required: ["mean", "p50", "p90", "p99", "p999", "max"],
  properties: {
    mean: number,
    p50: { type: ["number", "null"] },
    p90: { type: ["number", "null"] },
    p99: { type: ["number", "null"] },
    p999: { type: ["number", "null"] },
    max: number,
    min: number,
    stdDev: number,
    ci95: { type: "object", properties: { p50: interval, p99: interval } },
    replications: {
      type: "object",
      description: "each replication's own p50 and p99, ms, in replication order (runs[].latencyMs only; 2 or more replications, each with a completed request)",
      required: ["p50", "p99"],
      properties: { p50: replicationPercentiles, p99: replicationPercentiles },
    },
  },
} as const;

const latencyHistogram = {
  type: "object",
  description: "the whole latency distribution: a log-linear histogram with `sub` sub-buckets per power of two of nanoseconds",
  required: ["sub", "count", "min", "max", "sumNs", "counts"],
  properties: {
    sub: { const: 1024 },
    count: count,
    min: nonNegative,
    max: nonNegative,
    sumNs: { type: "array", items: count, minItems: 2, maxItems: 2, description: "exact sum in ns as [high, low]: high * 2^32 + low" },
    counts: { type: "array", items: { type: "array", items: count, minItems: 2, maxItems: 2 }, description: "[bucket index, count] of the non-empty buckets" },
  },
} as const;

const nullableNumber = { type: ["number", "null"] } as const;

const timelineEntry = {
  type: "object",
  description: "one interval of the measured time, as a dashboard scraping each interval sees it (replications merged): requests sent (offered), completed with their latency, failed",
  required: ["atS", "durationS", "offeredPerSec", "completedPerSec", "failedPerSec", "p50Ms", "p90Ms", "p99Ms", "failedByReason", "latencyHistogram"],
  properties: {
    atS: { ...nonNegative, description: "start of the interval, s into the measured time" },
    durationS: { ...nonNegative, description: "length of the interval, s (the last may be shorter)" },
    offeredPerSec: nonNegative,
    completedPerSec: nonNegative,
    failedPerSec: nonNegative,
    meanMs: nullableNumber,
    p50Ms: nullableNumber,
    p90Ms: nullableNumber,
    p99Ms: nullableNumber,
    maxMs: nullableNumber,
    failedByReason: { type: "object", additionalProperties: count },
    nodeCpuUtilization: { type: "array", items: nonNegative, description: "share of each node's cores busy in the interval (nodes with machines only)" },
    serviceVcpu: { type: "object", additionalProperties: nonNegative, description: "vCPU each service's pods (app and sidecars) used in the interval" },
    replicas: { type: "object", additionalProperties: nonNegative, description: "each service's pods ready at the interval's end, the replications' mean (a service autoscales)" },
    pendingReplicas: { type: "object", additionalProperties: nonNegative, description: "each service's pods pending (no node had room) at the interval's end, the replications' mean (only in runs where some pod was pending)" },
    latencyHistogram: { ...latencyHistogram, description: "the interval's latencies: a compact log-linear histogram, 32 sub-buckets per power of two of nanoseconds", properties: { ...latencyHistogram.properties, sub: { const: 32 } } },
  },
} as const;

const calibrationEntry = {
  type: "object",
  required: ["status", "field", "source"],
  properties: { status: { enum: ["calibrated", "estimate"] }, field: text, source: text },
} as const;

const run = {
  type: "object",
  required: ["mesh", "mtls", "rps", "durationS", "replications", "throughputPerSec", "requests", "latencyMs", "byRequestType", "hops", "resources", "warnings"],
  properties: {
    mesh: { ...text, description: "mesh profile id (none: no mesh)" },
    mtls: { enum: ["off", "permissive", "strict"] },
    rps: { ...nonNegative, description: "offered load, requests/s; 0 for a closed loop" },
    users: { ...count, description: "closed loop: concurrent users (connections)" },
    durationS: nonNegative,
    replications: { type: "integer", minimum: 1 },
    throughputPerSec: nonNegative,
    requests: requestCounts,
    connections: {
      type: "object",
      properties: { opened: count, resumed: count, closedIdle: count, handshakes: count, handshakesPerRequest: nonNegative },
    },
    latencyMs: latencySummary,
    latencyHistogram,
    traffic: { type: "object", description: "what the traffic rules did" },
    zoneTraffic: {
      type: "object",
      description: "traffic between availability zones (cluster.zones): calls per second and GB per month per zone pair, and its money at pricing.sameZoneGb and crossZoneGb",
      required: ["zones", "crossZoneShare", "crossZoneGbPerMonth", "pairs"],
      properties: {
        zones: { type: "array", items: text },
        crossZoneShare: { type: "number", minimum: 0, maximum: 1, description: "share of calls whose caller and callee are in different zones" },
        crossZoneGbPerMonth: nonNegative,
        pairs: trafficPairs,
        monthlyCost: {
          type: "object",
          required: ["sameZone", "crossZone", "total", "currency"],
          properties: { sameZone: number, crossZone: number, total: number, currency: text },
        },
      },
    },
    clusterTraffic: {
      type: "object",
      description: "traffic between clusters (clusters: [...]): zoneTraffic's pairs summed per cluster pair, and their money (pairs of regions at pricing.crossRegionGb)",
      required: ["clusters", "crossClusterShare", "crossClusterGbPerMonth", "crossRegionGbPerMonth", "pairs"],
      properties: {
        clusters: { type: "array", items: { type: "object", required: ["name", "region"], properties: { name: text, region: text } } },
        crossClusterShare: { type: "number", minimum: 0, maximum: 1, description: "share of calls whose caller and callee are in different clusters" },
        crossClusterGbPerMonth: nonNegative,
        crossRegionGbPerMonth: nonNegative,
        pairs: trafficPairs,
        monthlyCost: {
          type: "object",
          required: ["withinClusters", "betweenClusters", "total", "currency"],
          properties: { withinClusters: number, betweenClusters: number, total: number, currency: text },
        },
      },
    },
    byRequestType: { type: "object", additionalProperties: { type: "object", required: ["latencyMs", "requests"], properties: { latencyMs: latencySummary, requests: requestCounts } } },
    hops: {
      type: "array",
      items: {
        type: "object",
        required: ["station", "meanMs", "utilization"],
        properties: { station: text, meanMs: nonNegative, utilization: nonNegative, waitMs: nonNegative, serviceMs: nonNegative, visitsPerRequest: nonNegative, vcpu: nonNegative },
      },
    },
    resources: {
      type: "object",
      required: ["dataPlane", "controlPlane", "app"],
      properties: {
        dataPlane: { type: "object", required: ["vcpu", "memoryMb"], properties: { vcpu: nonNegative, memoryMb: nonNegative, proxies: count } },
        controlPlane: {
          type: "object",
          required: ["vcpu", "memoryMb"],
          properties: {
            vcpu: nonNegative,
            memoryMb: nonNegative,
            clusters: {
              type: "array",
              description: "with several clusters under multi-primary: each cluster's control plane; vcpu and memoryMb are their sums",
              items: {
                type: "object",
                required: ["cluster", "memoryMb", "proxies", "remoteEndpoints"],
                properties: { cluster: text, memoryMb: nonNegative, proxies: count, remoteEndpoints: count },
              },
            },
          },
        },
        app: { type: "object", required: ["vcpu"], properties: { vcpu: nonNegative } },
        monthlyCost: {
          type: "object",
          required: ["dataPlane", "controlPlane", "total", "currency"],
          properties: { dataPlane: number, controlPlane: number, total: number, currency: text },
        },
      },
    },
    nodes: { type: "array", items: { type: "object", required: ["node", "vcpu", "cpuUtilization"], properties: { node: count, vcpu: nonNegative, cpuUtilization: nonNegative } } },
    telemetry: {
      type: "object",
      description: "the telemetry's cost: its share of the proxies' work (inside resources.dataPlane) and the monitoring stack behind them (apart from resources); only when the scenario sets mesh.telemetry",
      required: ["settings", "proxies", "prometheus", "tracing", "accessLogs", "monitoring", "graph", "services"],
      properties: {
        settings: {
          type: "object",
          required: ["metrics", "accessLogs", "tracing"],
          properties: { metrics: { type: "boolean" }, accessLogs: { type: "boolean" }, tracing: { type: "object", required: ["sampling"], properties: { sampling: nonNegative } } },
        },
        proxies: {
          type: "object",
          required: ["cpuMsPerRequestDelta", "vcpu", "statsMemoryMb", "collectorBytesPerSec"],
          properties: { cpuMsPerRequestDelta: number, vcpu: nonNegative, statsMemoryMb: nonNegative, collectorBytesPerSec: nonNegative },
        },
        prometheus: {
          type: "object",
          required: ["series", "samplesPerSec", "memoryMb", "vcpu", "diskGbPerDay"],
          properties: { series: count, samplesPerSec: nonNegative, memoryMb: nonNegative, vcpu: nonNegative, diskGbPerDay: nonNegative },
        },
        tracing: { type: "object", required: ["spansPerSec", "collectorVcpu", "storageGbPerDay"], properties: { spansPerSec: nonNegative, collectorVcpu: nonNegative, storageGbPerDay: nonNegative } },
        accessLogs: { type: "object", required: ["linesPerSec", "gbPerDay"], properties: { linesPerSec: nonNegative, gbPerDay: nonNegative } },
        monitoring: {
          type: "object",
          required: ["vcpu", "memoryMb"],
          properties: {
            vcpu: nonNegative,
            memoryMb: nonNegative,
            monthlyCost: { type: "object", required: ["total", "currency"], properties: { total: number, currency: text } },
          },
        },
        graph: {
          type: "object",
          required: ["unmeshed", "edges"],
          properties: {
            unmeshed: { type: "array", items: text },
            edges: {
              type: "array",
              items: {
                type: "object",
                required: ["from", "to", "requestsPerSec", "encrypted", "failing"],
                properties: {
                  from: text,
                  to: text,
                  requestsPerSec: nonNegative,
                  encrypted: { type: "boolean" },
                  failing: { type: "boolean" },
                  p99Ms: { ...nonNegative, description: "p99 of the edge's calls in the window, ms; absent when none was made" },
                },
              },
            },
          },
        },
        services: {
          type: "array",
          description: "golden signals of each service that served calls in the window, as linkerd viz stat prints them: every attempt, seen from its callers",
          items: {
            type: "object",
            required: ["service", "requestsPerSec", "successRate", "latencyMs"],
            properties: {
              service: text,
              requestsPerSec: nonNegative,
              successRate: { type: "number", minimum: 0, maximum: 1 },
              latencyMs: { type: "object", required: ["p50", "p95", "p99"], properties: { p50: nonNegative, p95: nonNegative, p99: nonNegative } },
            },
          },
        },
      },
    },
    pendingPods: {
      type: "object",
      description: "per autoscaled service whose autoscaler asked for pods no node had room for: the most pending at once and pod-seconds pending in the window (the replications' mean)",
      additionalProperties: { type: "object", required: ["peak", "podSeconds"], properties: { peak: count, podSeconds: nonNegative } },
    },
    warnings: { type: "array", items: text },
    events: {
      type: "array",
      description: "what happened when (stage changes, the scenario's timed events), s into the measured time; with a timeline only",
      items: { type: "object", required: ["atS", "event"], properties: { atS: nonNegative, event: text } },
    },
    timeline: { type: "array", items: timelineEntry, description: "results over time (load.stages, a timeline of events or --interval)" },
    parameters: { type: "object", description: "sweep: the --set values of this run", additionalProperties: { type: ["string", "number", "boolean"] } },
  },
} as const;

/** What a sweep varied and found: what `meshsim report` draws of it. */
const sweep = {
  type: "object",
  description: "a sweep's loads, --set values, SLO and capacities",
  required: ["rates", "parameters", "overloaded"],
  properties: {
    rates: { type: "array", items: nonNegative, description: "the load points asked for, requests/s, ascending" },
    range: { type: "object", required: ["start", "end", "step"], properties: { start: nonNegative, end: nonNegative, step: nonNegative } },
    parameters: {
      type: "array",
      items: { type: "object", required: ["path", "values"], properties: { path: text, values: { type: "array", items: { type: ["string", "number", "boolean"] } } } },
    },
    slo: {
      type: "object",
      required: ["text", "statistic", "thresholdMs", "inclusive"],
      properties: { text, statistic: text, thresholdMs: number, inclusive: { type: "boolean" } },
    },
    resolutionRps: nonNegative,
    capacity: {
      type: "array",
      description: "per mesh (and --set values): the highest load within the SLO; null when even the lowest load failed",
      items: {
        type: "object",
        required: ["mesh", "maxRps", "valueMs", "firstFailingRps"],
        properties: { mesh: text, maxRps: nullableNumber, valueMs: nullableNumber, firstFailingRps: nullableNumber, failedBy: { enum: ["latency", "overload", "failures", null] } },
      },
    },
    overloaded: {
      type: "array",
      description: "load points not simulated: a station could not keep up",
      items: { type: "object", required: ["mesh", "rps", "reason"], properties: { mesh: text, rps: nonNegative, reason: text } },
    },
  },
} as const;

/** The results document's JSON Schema (draft-07). */
export const RESULTS_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://meshsim.dev/schema/results.json",
  title: "meshsim results document",
  description: "what meshsim run --json, meshsim merge and meshsim sweep --json write; everything but meta is the same for the same inputs and seed",
  type: "object",
  required: ["schemaVersion", "meta", "scenario", "seed", "runs"],
  properties: {
    schemaVersion: { const: 1 },
    meta: {
      type: "object",
      description: "how the document was made: the only part that may differ between identical runs",
      required: ["tool", "version", "wallSeconds"],
      properties: { tool: { const: "meshsim" }, version: text, wallSeconds: nonNegative, workers: count, host: { type: "object" } },
    },
    scenario: {
      type: "object",
      required: ["name", "sha256"],
      properties: {
        name: text,
        sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
        imports: { type: "array", items: { type: "object", required: ["file", "sha256"], properties: { file: text, sha256: text } } },
        notices: { type: "array", items: text },
      },
    },
    seed: count,
    runs: { type: "array", items: run },
    calibration: {
      type: "object",
      description: "per mesh: whether its profile's latency, CPU and memory numbers are calibrated or estimates",
      additionalProperties: { type: "object", properties: { latency: calibrationEntry, cpu: calibrationEntry, memory: calibrationEntry, controlPlaneMemory: calibrationEntry } },
    },
    skippedMeshes: {
      type: "array",
      description: "meshes --mesh all left out: they cannot express the run's settings",
      items: { type: "object", required: ["mesh", "reason"], properties: { mesh: text, reason: text, parameters: { type: "object" } } },
    },
    sweep,
  },
} as const;
