// A small valid scenario document for scenario/ tests to break one field at a time, and a
// richer one that touches most of the schema for the property test to mutate.

/** Two services, one request type calling front -> back, open loop at 10 requests/s. */
export function validDocument(): Record<string, any> {
  return {
    name: "shop",
    services: [
      { name: "front", replicas: 2, serviceTime: { type: "exponential", meanMs: 1 } },
      { name: "back", serviceTime: { type: "constant", valueMs: 1 } },
    ],
    requestTypes: [{ name: "get", entry: "front", calls: [{ call: "back" }] }],
    load: { type: "open", ratePerSec: 10 },
  };
}

/** Every distribution, placement, an external service, nested sequence/parallel calls, mesh settings. */
export function richDocument(): Record<string, any> {
  return {
    name: "rich-shop",
    description: "a scenario that touches most of the schema",
    source: "test/scenario/_valid-scenario.ts",
    cluster: { nodes: 3, network: { sameNodeRttMs: 0.04, crossNodeRttMs: 0.2, externalRttMs: 20, bandwidthGbps: 10 } },
    services: [
      { name: "web", kind: "http", protocol: "http1", replicas: 2, concurrency: 4, serviceTime: { type: "lognormal", meanMs: 0.5, cv: 1 }, nodes: [0, 1] },
      { name: "api", kind: "grpc", concurrency: 8, holdWorker: true, serviceTime: { type: "gamma", meanMs: 2, cv: 0.5 } },
      { name: "db", kind: "db", concurrency: 4, serviceTime: { type: "erlang", meanMs: 1, k: 3 }, nodes: [2] },
      { name: "cache", kind: "cache", serviceTime: { type: "uniform", minMs: 0.01, maxMs: 0.05 } },
      { name: "queue", kind: "queue", serviceTime: { type: "constant", valueMs: 0.1 }, meshed: false },
      {
        name: "gateway",
        external: true,
        concurrency: 100,
        serviceTime: { type: "empirical", bins: [{ upToMs: 10, weight: 1 }, { upToMs: 40, weight: 3 }, { upToMs: 80, weight: 1 }] },
      },
    ],
    requestTypes: [
      {
        name: "browse",
        weight: 3,
        entry: "web",
        requestBytes: 512,
        responseBytes: 2048,
        calls: [
          {
            call: "api",
            calls: [
              { parallel: [{ call: "db" }, { call: "cache", probability: 0.5 }] },
              { sequence: [{ call: "db", repeat: 2 }], note: "two queries" },
            ],
          },
        ],
      },
      {
        name: "checkout",
        weight: 1,
        entry: "web",
        calls: [{ call: "api", calls: [{ call: "gateway" }, { call: "queue", async: true, requestBytes: 256 }] }],
      },
    ],
    load: {
      type: "open",
      arrival: "poisson",
      ratePerSec: 50,
      connections: 8,
      durationS: 5,
      warmupS: 1,
      requestBytes: 1024,
      responseBytes: 1024,
      keepAlive: true,
      client: { node: 0, meshed: false },
    },
    mesh: { ids: ["none"], mtls: "strict" },
    notes: ["only for tests"],
  };
}
