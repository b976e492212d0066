/**
 * resolveScenario on schema-valid documents: the defaults it fills in, where it places pods,
 * and the errors for what a schema cannot check, each naming the field at fault.
 */

import { describe, expect, it } from "vitest";
import { EXTERNAL_NODE } from "../../src/cluster/index.js";
import { resolveScenario } from "../../src/scenario/resolve-scenario.js";
import type { RawScenario } from "../../src/scenario/index.js";
import { ScenarioError } from "../../src/scenario/index.js";
import { richDocument, validDocument } from "./_valid-scenario.js";

const FILE = "shop.yaml";
const SHA256 = "0".repeat(64);

const resolve = (document: Record<string, any>) => resolveScenario(FILE, SHA256, document as RawScenario);

/** The ScenarioError resolving `document` throws; fails the test if it throws anything else or nothing. */
function scenarioErrorOf(document: Record<string, any>): ScenarioError {
  try {
    resolve(document);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error("expected a ScenarioError, but nothing was thrown");
}

/** validDocument() with `mutate` applied. */
function documentWith(mutate: (document: Record<string, any>) => void): Record<string, any> {
  const document = validDocument();
  mutate(document);
  return document;
}

const constant = { type: "constant", valueMs: 1 };

describe("resolveScenario: defaults", () => {
  const scenario = resolve(validDocument());

  it("resolveScenario(a document without cluster) gives 3 nodes and the default network", () => {
    expect(scenario.topology.cluster).toEqual({ nodes: 3, sameNodeRttMs: 0.04, crossNodeRttMs: 0.2, externalRttMs: 20, bandwidthGbps: 10 });
  });

  it("resolveScenario(a service with only a name and a service time) fills in every other field", () => {
    expect(scenario.topology.services[1]).toEqual({
      name: "back",
      kind: "http",
      protocol: "http1",
      replicas: 1,
      concurrency: 1,
      serviceTime: { type: "constant", valueMs: 1 },
      holdWorker: false,
      meshed: true,
      external: false,
      keepAlive: true,
      placement: [2],
    });
  });

  it("resolveScenario(a load with only type and rate) fills in the open loop's defaults", () => {
    expect(scenario.load).toEqual({
      type: "open",
      arrival: "poisson",
      ratePerSec: 10,
      connections: undefined,
      thinkTime: { type: "constant", valueMs: 0 },
      durationS: 30,
      warmupS: 1,
      requestBytes: 1024,
      responseBytes: 1024,
      keepAlive: true,
      ingress: "direct",
      client: { node: 0, meshed: false },
    });
  });

  it("resolveScenario(a document without mesh, traffic, policies or pricing) leaves them empty", () => {
    expect(scenario.mesh).toEqual({ ids: undefined, mtls: undefined, l7: false, encryption: "none", overrides: {} });
    expect(scenario.pricing).toBeUndefined();
    expect(scenario.description).toBe("");
    expect(Object.keys(scenario.topology).sort()).toEqual(["cluster", "requestTypes", "services"]);
    expect(scenario).toMatchObject({ name: "shop", file: FILE, sha256: SHA256 });
  });

  it("resolveScenario(a request type with only name, entry and calls) gives weight 1, no headers, and the load's payload sizes to every call", () => {
    const document = documentWith((d) => (d.load.requestBytes = 300));
    expect(resolve(document).topology.requestTypes).toEqual([
      {
        name: "get",
        weight: 1,
        headers: {},
        root: {
          kind: "call",
          service: "front",
          async: false,
          probability: 1,
          repeat: 1,
          requestBytes: 300,
          responseBytes: 1024,
          calls: [{ kind: "call", service: "back", async: false, probability: 1, repeat: 1, requestBytes: 300, responseBytes: 1024, calls: [] }],
        },
      },
    ]);
  });

  it.each([
    ["http", "http1"],
    ["grpc", "grpc"],
    ["db", "tcp"],
    ["cache", "tcp"],
    ["queue", "tcp"],
    ["worker", "tcp"],
  ])("resolveScenario(a service of kind %s) speaks %s unless it names a protocol", (kind, protocol) => {
    expect(resolve(documentWith((d) => (d.services[1].kind = kind))).topology.services[1].protocol).toBe(protocol);
    const named = documentWith((d) => Object.assign(d.services[1], { kind, protocol: "http2" }));
    expect(resolve(named).topology.services[1].protocol).toBe("http2");
  });

  it("resolveScenario(an external service) is never meshed; keepAliveIdleS becomes keepAliveIdleMs; outages become ms", () => {
    const document = documentWith((d) => {
      d.services.push({ name: "api", external: true, serviceTime: constant });
      Object.assign(d.services[1], { keepAliveIdleS: 2.5, failures: { outages: [{ replica: 0, startS: 1, endS: 3 }] } });
    });
    const [, back, api] = resolve(document).topology.services;
    expect(api).toMatchObject({ external: true, meshed: false, placement: [EXTERNAL_NODE] });
    expect(back.keepAliveIdleMs).toBe(2500);
    expect(back.failures).toEqual({ errorRate: 0, slowReplicas: [], outages: [{ replica: 0, startMs: 1000, endMs: 3000 }] });
  });
});

describe("resolveScenario: placement", () => {
  it("resolveScenario(services without nodes) places their pods round-robin across the nodes, going on from one service to the next", () => {
    const document = documentWith((d) => {
      d.services = [
        { name: "front", replicas: 2, serviceTime: constant },
        { name: "back", replicas: 2, serviceTime: constant },
        { name: "db", replicas: 1, serviceTime: constant },
      ];
    });
    expect(resolve(document).topology.services.map((service) => service.placement)).toEqual([[0, 1], [2, 0], [1]]);
  });

  it("resolveScenario(a service with a nodes list) cycles its replicas over the list, and the round robin of the others skips it", () => {
    const document = documentWith((d) => {
      d.cluster = { nodes: 4 };
      d.services = [
        { name: "front", replicas: 2, serviceTime: constant },
        { name: "back", replicas: 3, nodes: [3, 1], serviceTime: constant },
        { name: "api", external: true, replicas: 2, serviceTime: constant },
        { name: "db", replicas: 3, serviceTime: constant },
      ];
    });
    expect(resolve(document).topology.services.map((service) => service.placement)).toEqual([
      [0, 1],
      [3, 1, 3],
      [EXTERNAL_NODE, EXTERNAL_NODE],
      [2, 3, 0],
    ]);
  });

  it("resolveScenario(richDocument) places web on its listed nodes and every pod on a node of the cluster", () => {
    const { services, cluster } = resolve(richDocument()).topology;
    expect(services.find((service) => service.name === "web")!.placement).toEqual([0, 1]);
    for (const service of services.filter((s) => !s.external)) {
      expect(service.placement, service.name).toHaveLength(service.replicas);
      for (const node of service.placement) expect(node, service.name).toBeLessThan(cluster.nodes);
    }
  });

  it("resolveScenario(replicas at the maximum, 10000) is accepted", () => {
    const document = documentWith((d) => (d.services[1].replicas = 10_000));
    expect(resolve(document).topology.services[1].placement).toHaveLength(10_000);
  });
});

describe("resolveScenario: errors name the field", () => {
  it.each([
    {
      what: "two services with one name",
      mutate: (d: Record<string, any>) => (d.services[1].name = "front"),
      field: "services[1].name",
      problem: "must be unique, but services[0] is also named front",
    },
    {
      what: "two request types with one name",
      mutate: (d: Record<string, any>) => d.requestTypes.push({ name: "get", entry: "back" }),
      field: "requestTypes[1].name",
      problem: "must be unique, but requestTypes[0] is also named get",
    },
    {
      what: "an unknown entry service",
      mutate: (d: Record<string, any>) => (d.requestTypes[0].entry = "frnt"),
      field: "requestTypes[0].entry",
      problem: "names unknown service frnt (did you mean front?)",
    },
    {
      what: "an unknown service deep in a call tree",
      mutate: (d: Record<string, any>) => (d.requestTypes[0].calls = [{ call: "back", calls: [{ sequence: [{ call: "warehouse" }] }] }]),
      field: "requestTypes[0].calls[0].calls[0].sequence[0].call",
      problem: "names unknown service warehouse",
    },
    {
      what: "a call cycle through two services",
      mutate: (d: Record<string, any>) => (d.requestTypes[0].calls = [{ call: "back", calls: [{ call: "front" }] }]),
      field: "requestTypes[0].calls[0].calls[0].call",
      problem: "makes a call cycle: front -> back -> front",
    },
    {
      what: "a service calling itself",
      mutate: (d: Record<string, any>) => (d.requestTypes[0].calls = [{ call: "back", calls: [{ call: "back" }] }]),
      field: "requestTypes[0].calls[0].calls[0].call",
      problem: "makes a call cycle: front -> back -> back",
    },
    {
      what: "replicas over the maximum",
      mutate: (d: Record<string, any>) => (d.services[1].replicas = 10_001),
      field: "services[1].replicas",
      problem: "must be at most 10000, got 10001",
    },
    {
      what: "a nodes index beyond cluster.nodes",
      mutate: (d: Record<string, any>) => {
        d.cluster = { nodes: 2 };
        d.services[1].nodes = [1, 5];
      },
      field: "services[1].nodes[1]",
      problem: "must be below cluster.nodes (2), got 5",
    },
    {
      what: "a load generator node beyond cluster.nodes",
      mutate: (d: Record<string, any>) => (d.load.client = { node: 3 }),
      field: "load.client.node",
      problem: "must be below cluster.nodes (3), got 3",
    },
    {
      what: "a meshed external service",
      mutate: (d: Record<string, any>) => Object.assign(d.services[1], { external: true, meshed: true }),
      field: "services[1].meshed",
      problem: "cannot be true for an external service",
    },
    {
      what: "a slow replica beyond the replicas",
      mutate: (d: Record<string, any>) => (d.services[0].failures = { slowReplicas: [{ replica: 2, factor: 3 }] }),
      field: "services[0].failures.slowReplicas[0].replica",
      problem: "must be below replicas (2), got 2",
    },
    {
      what: "an outage that ends before it starts",
      mutate: (d: Record<string, any>) => (d.services[0].failures = { outages: [{ replica: 0, startS: 5, endS: 5 }] }),
      field: "services[0].failures.outages[0].endS",
      problem: "must be after startS (5), got 5",
    },
    {
      what: "a uniform service time with max below min",
      mutate: (d: Record<string, any>) => (d.services[1].serviceTime = { type: "uniform", minMs: 2, maxMs: 1 }),
      field: "services[1].serviceTime.maxMs",
      problem: "must be at least minMs (2), got 1",
    },
    {
      what: "a policy for an unknown service",
      mutate: (d: Record<string, any>) => (d.policies = [{ to: "bak", allowFrom: ["front"] }]),
      field: "policies[0].to",
      problem: "names unknown service bak (did you mean back?)",
    },
    {
      what: "two policies for one service",
      mutate: (d: Record<string, any>) => (d.policies = [{ to: "back", allowFrom: ["front"] }, { to: "back", allowFrom: ["load-generator"] }]),
      field: "policies[1].to",
      problem: "repeats a policy for back; list every allowed caller in one policy",
    },
  ])("resolveScenario($what) throws naming $field", ({ mutate, field, problem }) => {
    const error = scenarioErrorOf(documentWith(mutate));
    expect({ field: error.field, problem: error.problem }).toEqual({ field, problem });
    expect(error.message).toBe(`${FILE}: ${field} ${problem}`);
  });
});
