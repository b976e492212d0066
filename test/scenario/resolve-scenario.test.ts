/**
 * resolveScenario on schema-valid documents: the defaults it fills in, where it places pods,
 * and the errors for what a schema cannot check, each naming the field at fault.
 */

import { describe, expect, it } from "vitest";
import { EXTERNAL_NODE, machineTypeNames } from "../../src/cluster/index.js";
import { NO_MACHINE_NOTICE, resolveScenario } from "../../src/scenario/resolve-scenario.js";
import type { RawScenario } from "../../src/scenario/index.js";
import { richDocument, validDocument } from "./_valid-scenario.js";
import { scenarioErrorOf } from "./_scenario-error-of.js";

const FILE = "shop.yaml";
const SHA256 = "0".repeat(64);

const resolve = (document: Record<string, any>) => resolveScenario(FILE, SHA256, document as RawScenario);

/** validDocument() with `mutate` applied. */
function documentWith(mutate: (document: Record<string, any>) => void): Record<string, any> {
  const document = validDocument();
  mutate(document);
  return document;
}

const constant = { type: "constant", valueMs: 1 };

describe("resolveScenario: defaults", () => {
  const scenario = resolve(validDocument());

  it("resolveScenario(a document without cluster) gives 3 nodes, the default network and no machine", () => {
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
      cpuShare: 1,
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
      client: { node: 0, meshed: false, tool: "fortio", cpuMsPerRequest: 0.1 },
    });
  });

  it("resolveScenario(a document without mesh, traffic, policies or pricing) leaves them empty", () => {
    expect(scenario.mesh).toEqual({ ids: undefined, mtls: undefined, l7: false, encryption: "none", gatewayReplicas: 1, waypointReplicas: 1, proxyScope: "mesh", overrides: {} });
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

  it("resolveScenario(20,000 pods whose calls take few pairs) is accepted: only the pairs calls can take count", () => {
    // 40 services of 500 pods, the first calling the 39 others: 500 + 39 x 500 x 500 = 9.75 x 10^6 pairs, refused.
    // 40 of 499 pods each entered by the load generator and calling an unreplicated service of its own:
    // 40 x 499 + 40 x 499 = 39,920 pairs.
    const chained = documentWith((d) => {
      d.services = Array.from({ length: 40 }, (_, i) => ({ name: `s${i}`, replicas: 500, serviceTime: constant }));
      d.requestTypes = [{ name: "r", entry: "s0", calls: Array.from({ length: 39 }, (_, i) => ({ call: `s${i + 1}` })) }];
    });
    expect(() => resolve(chained)).toThrow("services[1].replicas is 500: calls can take 9750500 pairs of pods in all, 250000 of them from its callers' pods to its own");
    const fanned = documentWith((d) => {
      d.services = Array.from({ length: 80 }, (_, i) => ({ name: `s${i}`, replicas: i < 40 ? 499 : 1, serviceTime: constant }));
      d.requestTypes = Array.from({ length: 40 }, (_, i) => ({ name: `r${i}`, entry: `s${i}`, calls: [{ call: `s${40 + i}` }] }));
    });
    expect(resolve(fanned).topology.services.reduce((sum, service) => sum + service.replicas, 0)).toBe(20_000);
  });

  it("resolveScenario(many services) is accepted: nothing is kept per pod and service, nor per pair of services", () => {
    // 20,000 services of one pod, each calling the next: 4 x 10^8 pods times services, 20,000 pairs of pods.
    const many = documentWith((d) => {
      d.services = Array.from({ length: 20_000 }, (_, i) => ({ name: `s${i}`, replicas: 1, serviceTime: constant }));
      d.requestTypes = Array.from({ length: 50 }, (_, i) => ({ name: `r${i}`, entry: `s${i}`, calls: [{ call: `s${i + 50}` }] }));
    });
    expect(resolve(many).topology.services).toHaveLength(20_000);
  });

  it("resolveScenario(pods at the maximum, 20000 in all) is accepted", () => {
    const document = documentWith((d) => (d.services[1].replicas = 19_998));
    expect(resolve(document).topology.services[1].placement).toHaveLength(19_998);
  });
});

describe("resolveScenario: machines", () => {
  const clusterOf = (cluster: Record<string, unknown>) => resolve(documentWith((d) => (d.cluster = cluster))).topology.cluster;

  it("resolveScenario(cluster.machineType) gives each node the type's vCPU and memory, and GKE's allocatable", () => {
    expect(clusterOf({ nodes: 4, machineType: "e2-standard-4" })).toMatchObject({
      nodes: 4,
      machine: { vcpu: 4, memoryGb: 16, type: "e2-standard-4" },
      allocatable: { vcpu: 3.92, memoryMb: 16384 - 2662 - 100 },
    });
  });

  it("resolveScenario(a machine type in another case) keeps the table's spelling", () => {
    expect(clusterOf({ machineType: "standard_d2s_v3" }).machine?.type).toBe("Standard_D2s_v3");
  });

  it("resolveScenario(a shared-core machine type) reserves GKE's flat 1.06 vCPU", () => {
    expect(clusterOf({ machineType: "e2-medium" }).allocatable).toEqual({ vcpu: 0.94, memoryMb: 4096 - 1024 - 100 });
  });

  it("resolveScenario(vcpuPerNode and memoryGbPerNode) gives a machine without a type name", () => {
    expect(clusterOf({ vcpuPerNode: 2, memoryGbPerNode: 7.5 })).toMatchObject({ machine: { vcpu: 2, memoryGb: 7.5 }, allocatable: { vcpu: 1.93, memoryMb: 5839 } });
    expect(clusterOf({ vcpuPerNode: 2, memoryGbPerNode: 7.5 }).machine).not.toHaveProperty("type");
  });

  it("resolveScenario(vcpuPerNode alone) gives 4 GB of memory per vCPU", () => {
    expect(clusterOf({ vcpuPerNode: 3 }).machine).toEqual({ vcpu: 3, memoryGb: 12 });
  });

  it("resolveScenario(memoryGbPerNode alone) gives 1 vCPU per 4 GB, at least 1", () => {
    expect(clusterOf({ memoryGbPerNode: 32 }).machine).toEqual({ vcpu: 8, memoryGb: 32 });
    expect(clusterOf({ memoryGbPerNode: 2 }).machine).toEqual({ vcpu: 1, memoryGb: 2 });
  });
});

describe("resolveScenario: CPU share, resources, replicas and the load generator", () => {
  const serviceWith = (fields: Record<string, unknown>) => resolve(documentWith((d) => Object.assign(d.services[1], fields))).topology.services[1];

  it("resolveScenario(services[].cpuShare) keeps it; without it the whole service time is CPU", () => {
    expect(serviceWith({ cpuShare: 0.25 }).cpuShare).toBe(0.25);
    expect(serviceWith({ cpuShare: 0 }).cpuShare).toBe(0);
    expect(serviceWith({}).cpuShare).toBe(1);
  });

  it("resolveScenario(resources as numbers) keeps vCPU and MB as given", () => {
    const resources = { cpuRequest: 0.1, cpuLimit: 0.2, memoryRequestMb: 64, memoryLimitMb: 128 };
    expect(serviceWith({ resources }).resources).toEqual(resources);
  });

  it("resolveScenario(resources as Kubernetes quantities) converts them to vCPU and MB", () => {
    const resources = { cpuRequest: "100m", cpuLimit: "2", memoryRequestMb: "64Mi", memoryLimitMb: "1Gi" };
    expect(serviceWith({ resources }).resources).toEqual({ cpuRequest: 0.1, cpuLimit: 2, memoryRequestMb: 64, memoryLimitMb: 1024 });
  });

  it("resolveScenario(limits without requests) makes each request equal to its limit, as Kubernetes does", () => {
    expect(serviceWith({ resources: { cpuLimit: "200m", memoryLimitMb: "128Mi" } }).resources).toEqual({ cpuRequest: 0.2, cpuLimit: 0.2, memoryRequestMb: 128, memoryLimitMb: 128 });
  });

  it("resolveScenario(requests without limits) leaves the limits unset", () => {
    expect(serviceWith({ resources: { cpuRequest: "250m" } }).resources).toEqual({ cpuRequest: 0.25 });
  });

  it("resolveScenario(a service without resources) has none", () => {
    expect(serviceWith({})).not.toHaveProperty("resources");
  });

  it("resolveScenario(services[].nodes) keeps the list on the service for the scheduler; without it there is none", () => {
    const document = documentWith((d) => (d.services[1].nodes = [2, 0]));
    const [front, back] = resolve(document).topology.services;
    expect(back.nodes).toEqual([2, 0]);
    expect(front).not.toHaveProperty("nodes");
  });

  it("resolveScenario(mesh.gatewayReplicas and waypointReplicas) keeps them", () => {
    const mesh = resolve(documentWith((d) => (d.mesh = { gatewayReplicas: 2, waypointReplicas: 3 }))).mesh;
    expect(mesh).toMatchObject({ gatewayReplicas: 2, waypointReplicas: 3 });
  });

  it.each([
    ["fortio", 0.1],
    ["wrk2", 0.02],
    ["oha", 0.087],
    ["nighthawk", 0.02],
  ])("resolveScenario(load.client.tool %s) gives the client %d ms of CPU per request", (tool, cpuMsPerRequest) => {
    expect(resolve(documentWith((d) => (d.load.client = { tool }))).load.client).toEqual({ node: 0, meshed: false, tool, cpuMsPerRequest });
  });

  it("resolveScenario(load.client.cpuMsPerRequest) overrides the tool's figure", () => {
    expect(resolve(documentWith((d) => (d.load.client = { tool: "oha", cpuMsPerRequest: 0.3 }))).load.client).toMatchObject({ tool: "oha", cpuMsPerRequest: 0.3 });
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
      what: "more pods in all than the maximum",
      mutate: (d: Record<string, any>) => (d.services[1].replicas = 19_999),
      field: "services[1].replicas",
      problem: "is 19999, making 20001 pods in all (2 services); at most 20000 pods fit, since the network keeps a station, containers and counters for each",
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
      what: "a machine type with vcpuPerNode",
      mutate: (d: Record<string, any>) => (d.cluster = { machineType: "m5.large", vcpuPerNode: 4 }),
      field: "cluster.machineType",
      problem: "cannot be given with cluster.vcpuPerNode: the machine type sets both vCPU and memory",
    },
    {
      what: "a machine type with memoryGbPerNode",
      mutate: (d: Record<string, any>) => (d.cluster = { machineType: "m5.large", memoryGbPerNode: 16 }),
      field: "cluster.machineType",
      problem: "cannot be given with cluster.memoryGbPerNode: the machine type sets both vCPU and memory",
    },
    {
      what: "a misspelt machine type",
      mutate: (d: Record<string, any>) => (d.cluster = { machineType: "e2-standrd-4" }),
      field: "cluster.machineType",
      problem: "names unknown machine type e2-standrd-4 (did you mean e2-standard-4?)",
    },
    {
      what: "a machine type close to none in the table",
      mutate: (d: Record<string, any>) => (d.cluster = { machineType: "quantum-9000" }),
      field: "cluster.machineType",
      // Every known type, from the table itself, and the way round naming one: a user has no src/ to look in.
      problem: `names unknown machine type quantum-9000: the known types are ${machineTypeNames().join(", ")} (or give cluster.vcpuPerNode and memoryGbPerNode)`,
    },
    {
      what: "resources on an external service",
      mutate: (d: Record<string, any>) => Object.assign(d.services[1], { external: true, resources: { cpuRequest: 1 } }),
      field: "services[1].resources",
      problem: "cannot be set for an external service: it runs on no node",
    },
    {
      what: "a CPU limit below the request",
      mutate: (d: Record<string, any>) => (d.services[1].resources = { cpuRequest: "500m", cpuLimit: "200m" }),
      field: "services[1].resources.cpuLimit",
      problem: "must be at least cpuRequest (0.5 vCPU), got 0.2 vCPU",
    },
    {
      what: "a CPU limit below a request that binary floating point cannot hold (regression: the message read 1.9000000000000001 vCPU)",
      mutate: (d: Record<string, any>) => (d.services[1].resources = { cpuRequest: "1900m", cpuLimit: "1" }),
      field: "services[1].resources.cpuLimit",
      problem: "must be at least cpuRequest (1.9 vCPU), got 1 vCPU",
    },
    {
      what: "a memory limit below a request in decimal units",
      mutate: (d: Record<string, any>) => (d.services[1].resources = { memoryRequestMb: "300M", memoryLimitMb: "0.2Gi" }),
      field: "services[1].resources.memoryLimitMb",
      problem: "must be at least memoryRequestMb (286.102 MB), got 204.8 MB",
    },
    {
      what: "a memory limit below the request",
      mutate: (d: Record<string, any>) => (d.services[1].resources = { memoryRequestMb: "256Mi", memoryLimitMb: 128 }),
      field: "services[1].resources.memoryLimitMb",
      problem: "must be at least memoryRequestMb (256 MB), got 128 MB",
    },
    {
      what: "a negative CPU request",
      mutate: (d: Record<string, any>) => (d.services[1].resources = { cpuRequest: -1 }),
      field: "services[1].resources.cpuRequest",
      problem: "must not be negative, got -1",
    },
    {
      what: "a negative memory quantity",
      mutate: (d: Record<string, any>) => (d.services[1].resources = { memoryRequestMb: "-128Mi" }),
      field: "services[1].resources.memoryRequestMb",
      problem: 'must not be negative, got "-128Mi"',
    },
    {
      what: "a CPU quantity that is not one",
      mutate: (d: Record<string, any>) => (d.services[1].resources = { cpuLimit: "half" }),
      field: "services[1].resources.cpuLimit",
      problem: 'must be a number of vCPU or a Kubernetes CPU quantity such as "500m" or "2", got "half"',
    },
    {
      what: "a CPU limit of the wrong type",
      mutate: (d: Record<string, any>) => (d.services[1].resources = { cpuLimit: true }),
      field: "services[1].resources.cpuLimit",
      problem: 'must be a number of vCPU or a Kubernetes CPU quantity such as "500m" or "2", got true',
    },
    {
      what: "an infinite CPU limit (YAML .inf)",
      mutate: (d: Record<string, any>) => (d.services[1].resources = { cpuLimit: Infinity }),
      field: "services[1].resources.cpuLimit",
      problem: 'must be a number of vCPU or a Kubernetes CPU quantity such as "500m" or "2", got Infinity',
    },
    {
      what: "a memory quantity with a space and a decimal unit",
      mutate: (d: Record<string, any>) => (d.services[1].resources = { memoryLimitMb: "12 GB" }),
      field: "services[1].resources.memoryLimitMb",
      problem: 'must be a number of MB or a Kubernetes memory quantity such as "128Mi" or "1Gi", got "12 GB"',
    },
    {
      what: "more traffic rules than the clients' tables are keyed for",
      mutate: (d: Record<string, any>) => {
        d.traffic = Array.from({ length: 10_001 }, (_, i) => ({ host: `alias-${i}`, routes: [{ backends: [{ service: "back" }] }] }));
      },
      field: "traffic",
      problem: "holds 10001 rules (with those imported); at most 10000 fit, since each client keeps its retry budgets by host in a table keyed by client and host",
    },
    {
      what: "calls that take more pairs of pods than the network holds",
      mutate: (d: Record<string, any>) => {
        d.services[0].replicas = 2001;
        d.services[1].replicas = 2000;
      },
      field: "services[1].replicas",
      problem:
        "is 2000: calls can take 4004001 pairs of pods in all, 4002000 of them from its callers' pods to its own; at most 4000000 fit, since the network keeps chains and a connection pool for each pair",
    },
    {
      what: "gateway replicas making more pods than the maximum",
      mutate: (d: Record<string, any>) => {
        d.load.ingress = "gateway";
        d.mesh = { gatewayReplicas: 19_999 };
      },
      field: "mesh.gatewayReplicas",
      problem: "is 19999, making 20002 pods in all (2 services and the gateway); at most 20000 pods fit, since the network keeps a station, containers and counters for each",
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
    const error = scenarioErrorOf(() => resolve(documentWith(mutate)));
    expect({ field: error.field, problem: error.problem }).toEqual({ field, problem });
    expect(error.message).toBe(`${FILE}: ${field} ${problem}`);
  });
});

describe("resolveScenario: machines", () => {
  it("resolveScenario(no machine declared) says so in a notice; a declared machine gives none", () => {
    expect(resolve(validDocument()).notices).toEqual([NO_MACHINE_NOTICE]);
    const withMachine = documentWith((document) => (document.cluster = { ...(document.cluster ?? {}), machineType: "e2-standard-2" }));
    expect(resolve(withMachine).notices).toBeUndefined();
  });
});

describe("resolveScenario: mesh.overrides", () => {
  const workers = (count: number) => ({ dataPlane: { proxy: { workers: count } } });

  it("regression: mesh.overrides under the alias linkerd are linkerd2's, where they named models/linkerd.yaml", () => {
    const scenario = resolve(documentWith((document) => (document.mesh = { overrides: { linkerd: workers(2) } })));
    expect(scenario.mesh.overrides).toEqual({ linkerd2: workers(2) });
  });

  it.each([
    [{ linkerd: workers(2), linkerd2: workers(3) }, "mesh.overrides names linkerd2 twice (linkerd is its alias); merge them"],
    [{ linkerd2: workers(3), linkerd: workers(2) }, "mesh.overrides names linkerd2 twice (linkerd is its alias); merge them"],
    [{ all: workers(2) }, "mesh.overrides.all overrides one mesh's profile at a time; name each mesh"],
    [{ linkerd: workers(0) }, "mesh.overrides.linkerd.dataPlane.proxy.workers must be at least 1, got 0"],
  ])("resolveScenario(mesh.overrides %j) fails naming the field", (overrides, problem) => {
    const error = scenarioErrorOf(() => resolve(documentWith((document) => (document.mesh = { overrides }))));
    expect(error.message).toBe(`${FILE}: ${problem}`);
  });
});
