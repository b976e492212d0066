/**
 * Turns a schema-valid document into a Scenario: applies defaults, places pods on nodes, and
 * checks what a schema cannot (names that must exist, call cycles, ranges between fields).
 */

import { LOAD_GENERATOR, type MtlsMode, type NodeEncryption, type ServiceFailures, type CallNode, type Protocol, type RequestType, type Service, type ServiceCall, type ServiceKind, type Topology } from "../mesh/index.js";
import {
  findMachineType,
  machineTypeNames,
  nodeAllocatable,
  placePods,
  type ClusterShape,
} from "../cluster/index.js";
import type { DistributionSpec } from "../random/index.js";
import { DEFAULT_LOAD_GENERATOR_TOOL, LOAD_GENERATOR_TOOLS, type LoadSpec } from "../workload/index.js";
import { resolveStages, resolveUserStages } from "./resolve-stages.js";
import type { Scenario } from "./scenario.js";
import { ScenarioError } from "./scenario-error.js";
import { suggest } from "./validate-document.js";
import { resolveMeshIds } from "./mesh-catalog.js";
import { loadMeshProfile } from "./load-mesh-profile.js";
import type { RawCallNode, RawScenario, RawService } from "./raw-scenario.js";
import { lowerCaseNames, resolveTraffic, uncalledRuleNotices, type SourcedRule } from "./resolve-traffic.js";
import { resolveTimeline } from "./resolve-timeline.js";
import { resolveAutoscaling } from "./resolve-autoscaling.js";
import { resolveResources } from "./resolve-resources.js";
import { MAX_PODS } from "./value-limits.js";
import { checkNetworkSize, checkPodCount } from "./check-pod-count.js";
import { resolveClusterZones, resolveServiceZones } from "./resolve-zones.js";
import { addClusterFailures, resolveMultiCluster, resolveServiceClusters } from "./resolve-clusters.js";
import type { Fail } from "./_fail.js";

const PROTOCOL_BY_KIND: Record<ServiceKind, Protocol> = {
  http: "http1",
  grpc: "grpc",
  db: "tcp",
  cache: "tcp",
  queue: "tcp",
  worker: "tcp",
};

/**
 * The protocol a raw service speaks: its own `protocol`, else its kind's (db, cache, queue and worker speak TCP).
 * @example serviceProtocol({ kind: "db" }) // "tcp"
 */
export function serviceProtocol(raw: { kind?: string; protocol?: string }): Protocol {
  return (raw.protocol as Protocol | undefined) ?? PROTOCOL_BY_KIND[(raw.kind ?? "http") as ServiceKind] ?? "http1";
}

/** Memory per vCPU when a scenario gives only one of them: the general-purpose ratio (m5, e2-standard, Dsv3). */
const GB_PER_VCPU = 4;

/**
 * Builds the Scenario from a document that passed the schema.
 * @throws ScenarioError naming the field for unknown services, cycles and out-of-range values
 */
export function resolveScenario(file: string, sha256: string, raw: RawScenario, imported: SourcedRule[] = []): Scenario {
  const fail = (field: string, problem: string): never => {
    throw new ScenarioError(file, field, problem);
  };
  const cluster = resolveCluster(raw, fail);
  checkPodCount(raw, fail);
  const services = resolveServices(raw.services, cluster, fail);
  const serviceNames = services.map((service) => service.name);
  const load = resolveLoad(raw, cluster, fail);
  if (cluster.zones?.clusters) addClusterFailures(services, cluster.zones, load.warmupS);
  const ownRules = (raw.traffic ?? []).map((rule, index) => ({ rule, field: `traffic[${index}]` }));
  const traffic = resolveTraffic([...ownRules, ...imported], services, fail);
  // Calls may name a traffic rule's host as well as a service.
  const isService = new Set(serviceNames);
  const names = [...serviceNames, ...traffic.map((rule) => rule.host).filter((host) => !isService.has(host))];

  const firstTypeIndex = new Map<string, number>();
  const requestTypes: RequestType[] = raw.requestTypes.map((type, index) => {
    const field = `requestTypes[${index}]`;
    const first = firstTypeIndex.get(type.name);
    if (first !== undefined) fail(`${field}.name`, `must be unique, but requestTypes[${first}] is also named ${type.name}`);
    firstTypeIndex.set(type.name, index);
    checkServiceName(type.entry, names, `${field}.entry`, fail);
    const root: ServiceCall = {
      kind: "call",
      service: type.entry,
      async: false,
      probability: 1,
      repeat: 1,
      requestBytes: type.requestBytes ?? load.requestBytes,
      responseBytes: type.responseBytes ?? load.responseBytes,
      calls: (type.calls ?? []).map((node, i) => resolveCallNode(node, `${field}.calls[${i}]`, names, load, fail)),
    };
    checkNoCycle(root, [], `${field}`, fail);
    return { name: type.name, weight: type.weight ?? 1, headers: lowerCaseNames(type.headers ?? {}), root };
  });
  const topology: Topology = {
    services,
    requestTypes,
    cluster,
    ...resolvePolicies(raw, serviceNames, fail),
    ...(traffic.length > 0 ? { traffic } : {}),
  };
  checkNetworkSize(raw, topology, fail);

  return {
    name: raw.name,
    description: raw.description ?? "",
    file,
    sha256,
    topology,
    load,
    pricing: raw.pricing ? resolvePricing(raw.pricing) : undefined,
    mesh: {
      ids: raw.mesh?.ids ? resolveMeshIds(raw.mesh.ids, { file, field: "mesh.ids" }) : undefined,
      mtls: raw.mesh?.mtls as MtlsMode | undefined,
      l7: raw.mesh?.l7 ?? false,
      encryption: (raw.mesh?.encryption as NodeEncryption | undefined) ?? "none",
      ...(raw.mesh?.rotateCertificatesAtS !== undefined ? { rotateCertificatesAtS: raw.mesh.rotateCertificatesAtS } : {}),
      gatewayReplicas: raw.mesh?.gatewayReplicas ?? 1,
      waypointReplicas: raw.mesh?.waypointReplicas ?? 1,
      proxyScope: raw.mesh?.proxyScope ?? "mesh",
      ...resolveMultiCluster(raw, file, fail),
      ...(raw.mesh?.telemetry !== undefined ? { telemetry: structuredClone(raw.mesh.telemetry) } : {}),
      overrides: resolveOverrides(file, raw.mesh?.overrides ?? {}),
    },
    ...(raw.timeline && raw.timeline.length > 0 ? { timeline: resolveTimeline(raw.timeline, services, traffic, fail, cluster) } : {}),
    ...noticesOf([...(cluster.machine ? [] : [NO_MACHINE_NOTICE]), ...uncalledRuleNotices(traffic, requestTypes)]),
  };
}

/** What a run without declared machines leaves out, said with its results. */
export const NO_MACHINE_NOTICE =
  "the nodes declare no machine (cluster.machineType, or cluster.vcpuPerNode and memoryGbPerNode): every container owns its CPU, so apps and proxies do not contend for cores and no CPU limit throttles";

// --- internal ---

function noticesOf(notices: string[]): { notices?: string[] } {
  return notices.length > 0 ? { notices } : {};
}

function resolvePolicies(raw: RawScenario, names: string[], fail: Fail): { allowFrom?: Record<string, string[]>; l7Policies?: string[] } {
  if (!raw.policies || raw.policies.length === 0) return {};
  const allowFrom: Record<string, string[]> = {};
  const l7Policies: string[] = [];
  raw.policies.forEach((policy, index) => {
    const field = `policies[${index}]`;
    checkServiceName(policy.to, names, `${field}.to`, fail);
    if (policy.to in allowFrom) fail(`${field}.to`, `repeats a policy for ${policy.to}; list every allowed caller in one policy`);
    policy.allowFrom.forEach((caller, i) => {
      if (caller !== LOAD_GENERATOR) checkServiceName(caller, [...names, LOAD_GENERATOR], `${field}.allowFrom[${i}]`, fail);
    });
    allowFrom[policy.to] = [...policy.allowFrom];
    if (policy.l7) l7Policies.push(policy.to);
  });
  return { allowFrom, ...(l7Policies.length > 0 ? { l7Policies } : {}) };
}

/**
 * Overrides are checked against their profile at load, so a typo fails before any run, and keyed
 * by profile id: a run looks them up by id, so those written under an alias (`linkerd`) apply.
 */
function resolveOverrides(file: string, overrides: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const resolved: Record<string, Record<string, unknown>> = {};
  const writtenAs: Record<string, string> = {};
  for (const [written, values] of Object.entries(overrides)) {
    // "all" would resolve to every profile; one set of values rarely fits every architecture.
    if (written === "all") throw new ScenarioError(file, "mesh.overrides.all", "overrides one mesh's profile at a time; name each mesh");
    const [id] = resolveMeshIds([written], { file, field: "mesh.overrides" });
    if (id in resolved) {
      const alias = written === id ? writtenAs[id] : written;
      throw new ScenarioError(file, "mesh.overrides", `names ${id} twice (${alias} is its alias); merge them`);
    }
    loadMeshProfile(id, { file, values, field: `mesh.overrides.${written}` });
    resolved[id] = values;
    writtenAs[id] = written;
  }
  return resolved;
}

function resolvePricing(pricing: NonNullable<RawScenario["pricing"]>): Scenario["pricing"] {
  const perGb = (["sameZoneGb", "crossZoneGb", "crossRegionGb"] as const).filter((key) => pricing[key] !== undefined);
  return {
    vcpuHour: pricing.vcpuHour,
    gbHour: pricing.gbHour,
    currency: pricing.currency ?? "USD",
    ...Object.fromEntries(perGb.map((key) => [key, pricing[key]])),
  };
}

function resolveCluster(raw: RawScenario, fail: Fail): ClusterShape {
  const network = raw.cluster?.network ?? {};
  const machine = resolveMachine(raw.cluster ?? {}, fail);
  const { nodes, zones } = resolveClusterZones(raw, fail);
  return {
    nodes,
    sameNodeRttMs: network.sameNodeRttMs ?? 0.04,
    crossNodeRttMs: network.crossNodeRttMs ?? 0.2,
    externalRttMs: network.externalRttMs ?? 20,
    bandwidthGbps: network.bandwidthGbps ?? 10,
    ...(machine
      ? {
          machine: { vcpu: machine.vcpu, memoryGb: machine.memoryGb, ...(machine.type ? { type: machine.type } : {}) },
          allocatable: nodeAllocatable(machine),
        }
      : {}),
    ...(zones ? { zones } : {}),
  };
}

/**
 * The machine each node is: a named machine type, or vCPU and memory (the missing one at 4 GB per
 * vCPU); undefined when the scenario declares neither, which keeps nodes without CPU contention.
 */
function resolveMachine(
  cluster: NonNullable<RawScenario["cluster"]>,
  fail: Fail,
): { vcpu: number; memoryGb: number; type?: string; sharedCore?: boolean } | undefined {
  const { machineType, vcpuPerNode, memoryGbPerNode } = cluster;
  if (machineType !== undefined) {
    const clash = vcpuPerNode !== undefined ? "cluster.vcpuPerNode" : memoryGbPerNode !== undefined ? "cluster.memoryGbPerNode" : undefined;
    if (clash) fail("cluster.machineType", `cannot be given with ${clash}: the machine type sets both vCPU and memory`);
    const type = findMachineType(machineType);
    if (!type) {
      const hint = suggest(machineType, machineTypeNames());
      const shown = /^[\w.-]+$/.test(machineType) ? machineType : JSON.stringify(machineType);
      // With no close name, every known one (about 30, one line): a user has no src/ to look them up in.
      const known = hint ? ` (did you mean ${hint}?)` : `: the known types are ${machineTypeNames().join(", ")} (or give cluster.vcpuPerNode and memoryGbPerNode)`;
      return fail("cluster.machineType", `names unknown machine type ${shown}${known}`);
    }
    return { vcpu: type.vcpu, memoryGb: type.memoryGb, type: type.name, ...(type.sharedCore ? { sharedCore: true } : {}) };
  }
  if (vcpuPerNode === undefined && memoryGbPerNode === undefined) return undefined;
  const vcpu = vcpuPerNode ?? Math.max(1, memoryGbPerNode! / GB_PER_VCPU);
  return { vcpu, memoryGb: memoryGbPerNode ?? vcpu * GB_PER_VCPU };
}

function resolveServices(raws: RawService[], cluster: ClusterShape, fail: Fail): Service[] {
  const firstIndex = new Map<string, number>();
  const services = raws.map((raw, index): Service => {
    const field = `services[${index}]`;
    const first = firstIndex.get(raw.name);
    if (first !== undefined) fail(`${field}.name`, `must be unique, but services[${first}] is also named ${raw.name}`);
    firstIndex.set(raw.name, index);
    const external = raw.external ?? false;
    if (external && raw.meshed === true) fail(`${field}.meshed`, "cannot be true for an external service");
    checkDistribution(raw.serviceTime, `${field}.serviceTime`, fail);
    const autoscaling = raw.autoscaling ? resolveAutoscaling(raw, field, fail) : undefined;
    // The autoscaler's pods go where the scheduler spreads them; fixed counts per zone would not follow
    // them, and the clusters' balancing tables do not follow the autoscaler's pods.
    if (autoscaling !== undefined && cluster.zones?.clusters) fail(`${field}.autoscaling`, "cannot be combined with clusters yet: the clusters' balancing tables do not follow the autoscaler's pods");
    const zoneReplicas = cluster.zones?.clusters ? resolveServiceClusters(raw, field, cluster.zones, fail) : resolveServiceZones(raw, field, cluster.zones, fail);
    if (autoscaling !== undefined && zoneReplicas !== undefined) fail(`${field}.zones`, "cannot be given with autoscaling: the autoscaler's pods spread over the zones as kube-scheduler places them; give the starting count with replicas");
    const replicas = autoscaling?.maxReplicas ?? raw.replicas ?? zoneReplicas?.reduce((sum, count) => sum + count, 0) ?? 1;
    if (replicas > MAX_PODS) fail(`${field}.replicas`, `must be at most ${MAX_PODS}, got ${replicas}`);
    raw.nodes?.forEach((node, i) => {
      if (node >= cluster.nodes) fail(`${field}.nodes[${i}]`, `must be below cluster.nodes (${cluster.nodes}), got ${node}`);
    });
    const kind = (raw.kind ?? "http") as ServiceKind;
    return {
      name: raw.name,
      kind,
      protocol: serviceProtocol(raw),
      replicas,
      concurrency: raw.concurrency ?? 1,
      serviceTime: raw.serviceTime,
      holdWorker: raw.holdWorker ?? false,
      meshed: external ? false : (raw.meshed ?? true),
      external,
      keepAlive: raw.keepAlive ?? true,
      ...(raw.keepAliveIdleS !== undefined ? { keepAliveIdleMs: raw.keepAliveIdleS * 1000 } : {}),
      ...(raw.mtls !== undefined ? { mtls: raw.mtls } : {}),
      placement: [],
      ...(raw.nodes && !external ? { nodes: [...raw.nodes] } : {}),
      ...(zoneReplicas ? { zoneReplicas } : {}),
      ...(raw.trafficDistribution && !external ? { preferSameZone: true } : {}),
      ...(raw.topologyMode && !external ? { topologyAuto: true } : {}),
      ...(raw.clusterAffinity && !external ? { clusterAffinity: raw.clusterAffinity } : {}),
      ...(raw.labels ? { labels: { ...raw.labels } } : {}),
      ...(raw.failures ? { failures: resolveFailures(raw, replicas, field, fail) } : {}),
      cpuShare: raw.cpuShare ?? 1,
      ...(raw.resources ? { resources: resolveResources(raw, `${field}.resources`, fail) } : {}),
      ...(autoscaling ? { autoscaling } : {}),
    };
  });
  const placements = placePods(
    services.map((service, index) => ({ replicas: service.replicas, external: service.external, nodes: raws[index].nodes, zoneReplicas: service.zoneReplicas })),
    cluster.nodes,
    cluster.zones?.nodeZone,
  );
  services.forEach((service, index) => (service.placement = placements[index]));
  return services;
}

function resolveFailures(raw: RawService, replicas: number, field: string, fail: Fail): ServiceFailures {
  const failures = raw.failures!;
  const checkReplica = (replica: number, at: string): void => {
    if (replica >= replicas) fail(at, `must be below replicas (${replicas}), got ${replica}`);
  };
  (failures.slowReplicas ?? []).forEach((slow, i) => checkReplica(slow.replica, `${field}.failures.slowReplicas[${i}].replica`));
  (failures.outages ?? []).forEach((outage, i) => {
    checkReplica(outage.replica, `${field}.failures.outages[${i}].replica`);
    if (outage.endS <= outage.startS) fail(`${field}.failures.outages[${i}].endS`, `must be after startS (${outage.startS}), got ${outage.endS}`);
  });
  return {
    errorRate: failures.errorRate ?? 0,
    slowReplicas: (failures.slowReplicas ?? []).map((slow) => ({ ...slow })),
    outages: (failures.outages ?? []).map((outage) => ({ replica: outage.replica, startMs: outage.startS * 1000, endMs: outage.endS * 1000 })),
  };
}

function resolveLoad(raw: RawScenario, cluster: ClusterShape, fail: Fail): LoadSpec {
  const load = raw.load;
  const clientNode = load.client?.node ?? 0;
  if (clientNode >= cluster.nodes) fail("load.client.node", `must be below cluster.nodes (${cluster.nodes}), got ${clientNode}`);
  if (load.thinkTime) checkDistribution(load.thinkTime, "load.thinkTime", fail);
  const staged = load.stages && load.type === "open" ? resolveStages(raw, fail) : undefined;
  const users = load.stages && load.type === "closed" ? resolveUserStages(raw, fail) : undefined;
  const durationS = staged?.durationS ?? users?.durationS ?? load.durationS ?? 30;
  const warmupS = load.warmupS ?? 1;
  const tool = load.client?.tool ?? DEFAULT_LOAD_GENERATOR_TOOL;
  return {
    type: load.type,
    arrival: load.arrival ?? "poisson",
    ratePerSec: staged?.meanRatePerSec ?? load.ratePerSec ?? 0,
    ...(staged ? { stages: staged.stages, startRatePerSec: staged.startRatePerSec } : {}),
    connections: users?.peakUsers ?? load.connections,
    ...(users ? { userStages: users.userStages, startUsers: users.startUsers } : {}),
    thinkTime: load.thinkTime ?? { type: "constant", valueMs: 0 },
    durationS,
    warmupS,
    requestBytes: load.requestBytes ?? 1024,
    responseBytes: load.responseBytes ?? 1024,
    keepAlive: load.keepAlive ?? true,
    ingress: load.ingress ?? "direct",
    client: {
      node: clientNode,
      meshed: load.client?.meshed ?? false,
      tool,
      cpuMsPerRequest: load.client?.cpuMsPerRequest ?? LOAD_GENERATOR_TOOLS[tool].cpuMsPerRequest,
    },
  };
}

function resolveCallNode(raw: RawCallNode, field: string, names: string[], load: LoadSpec, fail: Fail): CallNode {
  const options = { probability: raw.probability ?? 1, repeat: raw.repeat ?? 1 };
  const children = (list: RawCallNode[] | undefined, key: string): CallNode[] =>
    (list ?? []).map((node, i) => resolveCallNode(node, `${field}.${key}[${i}]`, names, load, fail));
  if ("call" in raw && raw.call !== undefined) {
    checkServiceName(raw.call, names, `${field}.call`, fail);
    return {
      kind: "call",
      service: raw.call,
      async: raw.async ?? false,
      requestBytes: raw.requestBytes ?? load.requestBytes,
      responseBytes: raw.responseBytes ?? load.responseBytes,
      calls: children(raw.calls, "calls"),
      ...options,
    };
  }
  if ("sequence" in raw && raw.sequence !== undefined) return { kind: "sequence", nodes: children(raw.sequence, "sequence"), ...options };
  return { kind: "parallel", nodes: children((raw as { parallel: RawCallNode[] }).parallel, "parallel"), ...options };
}

function checkServiceName(name: string, names: string[], field: string, fail: Fail): void {
  if (names.includes(name)) return;
  const hint = suggest(name, names);
  // The name has passed no pattern: quote it unless it is a plain word, so the message stays one line.
  const shown = /^[\w.-]+$/.test(name) ? name : JSON.stringify(name);
  fail(field, `names unknown service ${shown}${hint ? ` (did you mean ${hint}?)` : ""}`);
}

/** A service that (directly or through others) calls itself would recurse without end. */
function checkNoCycle(call: ServiceCall, callers: string[], field: string, fail: Fail): void {
  if (callers.includes(call.service)) {
    fail(`${field}.call`, `makes a call cycle: ${[...callers, call.service].join(" -> ")}`);
  }
  const path = [...callers, call.service];
  const visit = (node: CallNode, nodeField: string): void => {
    if (node.kind === "call") checkNoCycle(node, path, nodeField, fail);
    else node.nodes.forEach((child, i) => visit(child, `${nodeField}.${node.kind}[${i}]`));
  };
  call.calls.forEach((child, i) => visit(child, `${field}.calls[${i}]`));
}

function checkDistribution(spec: DistributionSpec, field: string, fail: Fail): void {
  if (spec.type === "uniform" && spec.maxMs < spec.minMs) {
    fail(`${field}.maxMs`, `must be at least minMs (${spec.minMs}), got ${spec.maxMs}`);
  }
  if (spec.type === "empirical") {
    spec.bins.forEach((bin, i) => {
      if (i > 0 && bin.upToMs <= spec.bins[i - 1].upToMs) {
        fail(`${field}.bins[${i}].upToMs`, `must be greater than the previous bin's (${spec.bins[i - 1].upToMs}), got ${bin.upToMs}`);
      }
    });
    if (spec.bins.every((bin) => bin.weight === 0)) fail(`${field}.bins`, "must have at least one bin with a weight above 0");
  }
}
