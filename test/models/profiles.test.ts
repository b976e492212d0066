/**
 * The mesh profiles in models/ are data the whole product rests on: each must load, describe
 * its architecture completely, carry a source for every number and every traffic setting, and
 * share one feature list.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseCpuQuantity, parseMemoryQuantityMb } from "../../src/cluster/index.js";
import type { MeshProfile, ProxyCost } from "../../src/mesh/model/index.js";
import { LOAD_BALANCERS, RETRY_ON } from "../../src/mesh/model/traffic-rules.js";
import { describeMeshes, loadMeshProfile, meshIds, PROFILE_SCHEMA, ScenarioError } from "../../src/scenario/index.js";

const MODELS = join(import.meta.dirname, "../../models");
const DESIGN_IDS = ["none", "linkerd1", "linkerd2", "istio", "istio-ambient", "consul", "kuma", "osm", "cilium", "traefik-mesh"];

/** Keys of container requests and limits: one chart block, so one setting with one source. */
const RESOURCE_KEYS = ["resources", "agentResources"];

/**
 * Dotted paths of every number in a document, outside `sources`, and of every requests-and-limits
 * block (`resources`, `agentResources`), which counts as one setting whether it holds numbers,
 * Kubernetes quantities ("100m") or nothing at all (`{}`: the chart sets none).
 */
function numericPaths(value: unknown, path: string[] = []): string[] {
  if (RESOURCE_KEYS.includes(path[path.length - 1]) && typeof value === "object" && value !== null) return [path.join(".")];
  if (typeof value === "number") return [path.join(".")];
  if (Array.isArray(value)) return value.flatMap((item, i) => numericPaths(item, [...path, String(i)]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => (path.length === 0 && key === "sources" ? [] : numericPaths(item, [...path, key])));
  }
  return [];
}

/** The proxy kinds of a profile's data plane, by name. */
function proxyKinds(profile: MeshProfile): Array<[string, ProxyCost]> {
  const plane = profile.dataPlane ?? {};
  return (["proxy", "l7Proxy", "gateway"] as const).flatMap((kind) => (plane[kind] ? [[kind, plane[kind]] as [string, ProxyCost]] : []));
}

/**
 * Dotted paths of every setting in a `traffic` block: each flag, name and number, a list of
 * names (`loadBalancers`, `retryOn`) counting as one setting.
 */
function trafficPaths(value: unknown, path: string[] = ["traffic"]): string[] {
  const isScalarList = Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null);
  if (typeof value === "object" && value !== null && !isScalarList) {
    return Object.entries(value).flatMap(([key, item]) => trafficPaths(item, [...path, key]));
  }
  return [path.join(".")];
}

/** Paths that need a `sources` entry: every number, every traffic and telemetry setting, and what sidecars are configured for. */
function sourcedPaths(document: Record<string, unknown>): string[] {
  const traffic = document.traffic === undefined ? [] : trafficPaths(document.traffic);
  const telemetry = document.telemetry === undefined ? [] : trafficPaths(document.telemetry, ["telemetry"]);
  const proxyScope = (document.dataPlane as { proxyScope?: unknown } | undefined)?.proxyScope === undefined ? [] : ["dataPlane.proxyScope"];
  return [...new Set([...numericPaths(document), ...traffic, ...telemetry, ...multiClusterPaths(document), ...proxyScope])];
}

/** Each multi-cluster mode (its data path and who it balances over), the control-plane layouts, reading Service affinity and what becomes of a lost cluster's endpoints need a source. */
function multiClusterPaths(document: Record<string, unknown>): string[] {
  const multiCluster = document.multiCluster as { modes: Record<string, unknown>; serviceAffinity?: boolean; lostCluster?: string } | undefined;
  if (!multiCluster) return [];
  const affinity = multiCluster.serviceAffinity !== undefined ? ["multiCluster.serviceAffinity"] : [];
  const lost = multiCluster.lostCluster !== undefined ? ["multiCluster.lostCluster"] : [];
  return [...Object.keys(multiCluster.modes).map((mode) => `multiCluster.modes.${mode}`), "multiCluster.controlPlanes", ...affinity, ...lost];
}

/** A source for one field of a multi-cluster mode (its endpoints, say) is welcome beside the mode's own. */
function isModeFieldSource(document: Record<string, unknown>, path: string): boolean {
  const modes = (document.multiCluster as { modes?: Record<string, Record<string, unknown>> } | undefined)?.modes ?? {};
  const [top, middle, mode, field, ...rest] = path.split(".");
  return top === "multiCluster" && middle === "modes" && rest.length === 0 && field !== undefined && modes[mode]?.[field] !== undefined;
}

const MESH_IDS = DESIGN_IDS.filter((id) => id !== "none");

describe("models/", () => {
  it.each(DESIGN_IDS.filter((id) => loadMeshProfile(id).telemetry))("%s: the default telemetry's CPU fits inside each L7 proxy's measured CPU per request", (id) => {
    // The profiles' cpuMsPerRequest was measured with the default telemetry on; turning it off
    // takes its cost away, which must leave a positive figure.
    const profile = loadMeshProfile(id);
    const telemetry = profile.telemetry!;
    const defaults = telemetry.defaults;
    const included =
      (defaults.metrics ? telemetry.metricsCpuMsPerRequest : 0) + (defaults.accessLogs ? telemetry.accessLogCpuMsPerRequest : 0) + defaults.tracing.sampling * telemetry.spanCpuMs;
    for (const [, cost] of proxyKinds(profile)) expect(included).toBeLessThan(Math.min(cost.cpuMsPerRequest.http1, cost.cpuMsPerRequest.http2, cost.cpuMsPerRequest.grpc));
  });

  it("has a profile for every mesh id in the design", () => {
    expect([...meshIds()].sort()).toEqual([...DESIGN_IDS].sort());
  });

  it.each(DESIGN_IDS)("%s loads and validates", (id) => {
    expect(loadMeshProfile(id).id).toBe(id);
  });

  it.each(DESIGN_IDS)("every number and traffic setting in %s.yaml has its source", (id) => {
    const document = parse(readFileSync(join(MODELS, `${id}.yaml`), "utf8"));
    const sources = document.sources ?? {};
    const needed = sourcedPaths(document);
    const unsourced = needed.filter((path) => !(path in sources) || String(sources[path]).trim() === "");
    expect(unsourced).toEqual([]);
    const stale = Object.keys(sources).filter((path) => !needed.includes(path) && !isModeFieldSource(document, path));
    expect(stale).toEqual([]);
  });

  it("numericPaths() names a resources block once, empty or not, and no field inside it", () => {
    const document = { dataPlane: { proxy: { workers: 2, resources: { cpuRequest: "100m", memoryLimitMb: 1024 } }, kernel: { agentResources: {} } } };
    expect(numericPaths(document)).toEqual(["dataPlane.proxy.workers", "dataPlane.proxy.resources", "dataPlane.kernel.agentResources"]);
  });

  it.each(MESH_IDS)("every proxy kind of %s has resources, connectionCpuMs and idleVcpu", (id) => {
    const kinds = proxyKinds(loadMeshProfile(id));
    const missing = kinds.flatMap(([kind, cost]) =>
      (["resources", "connectionCpuMs", "idleVcpu"] as const).filter((field) => cost[field] === undefined).map((field) => `dataPlane.${kind}.${field}`),
    );
    expect(missing).toEqual([]);
  });

  it("cilium's kernel datapath has its agent's resources and idle CPU", () => {
    const kernel = loadMeshProfile("cilium").dataPlane?.kernel;
    expect(kernel?.agentResources).toEqual({});
    expect(kernel?.idleVcpu).toBeGreaterThan(0);
  });

  it.each(MESH_IDS)("every resources quantity in %s parses, and no limit is below its request", (id) => {
    const profile = loadMeshProfile(id);
    const blocks = [...proxyKinds(profile).map(([, cost]) => cost.resources), profile.dataPlane?.kernel?.agentResources];
    for (const block of blocks) {
      if (block === undefined) continue;
      const cpu = [block.cpuRequest, block.cpuLimit].map((value) => (value === undefined ? undefined : parseCpuQuantity(value)));
      const memory = [block.memoryRequestMb, block.memoryLimitMb].map((value) => (value === undefined ? undefined : parseMemoryQuantityMb(value)));
      for (const [request, limit] of [cpu, memory]) {
        if (request !== undefined && limit !== undefined) expect(limit).toBeGreaterThanOrEqual(request);
      }
    }
  });

  it.each([
    ["istio", "proxy", { cpuRequest: 0.1, cpuLimit: 2, memoryRequestMb: 128, memoryLimitMb: 1024 }],
    ["istio-ambient", "proxy", { cpuRequest: 0.2, memoryRequestMb: 512 }],
    ["istio-ambient", "l7Proxy", { cpuRequest: 0.1, cpuLimit: 2, memoryRequestMb: 128, memoryLimitMb: 1024 }],
    ["kuma", "proxy", { cpuRequest: 0.05, cpuLimit: 1, memoryRequestMb: 64, memoryLimitMb: 512 }],
    ["consul", "gateway", { cpuRequest: 0.1, cpuLimit: 0.1, memoryRequestMb: 100, memoryLimitMb: 100 }],
    ["traefik-mesh", "proxy", { cpuRequest: 0.1, cpuLimit: 0.2, memoryRequestMb: 50, memoryLimitMb: 100 }],
    ["linkerd2", "proxy", {}],
  ] as const)("%s's %s requests and limits parse to the chart's defaults", (id, kind, expected) => {
    const block = loadMeshProfile(id).dataPlane![kind]!.resources!;
    const parsed = {
      ...(block.cpuRequest === undefined ? {} : { cpuRequest: parseCpuQuantity(block.cpuRequest) }),
      ...(block.cpuLimit === undefined ? {} : { cpuLimit: parseCpuQuantity(block.cpuLimit) }),
      ...(block.memoryRequestMb === undefined ? {} : { memoryRequestMb: parseMemoryQuantityMb(block.memoryRequestMb) }),
      ...(block.memoryLimitMb === undefined ? {} : { memoryLimitMb: parseMemoryQuantityMb(block.memoryLimitMb) }),
    };
    expect(parsed).toEqual(expected);
  });

  it("trafficPaths() names each flag, number and list of a traffic block once", () => {
    const traffic = { needsL7: false, loadBalancers: ["ewma"], defaults: { loadBalancer: "ewma", retries: { attempts: 2, retryOn: ["reset"] } } };
    expect(trafficPaths(traffic)).toEqual([
      "traffic.needsL7",
      "traffic.loadBalancers",
      "traffic.defaults.loadBalancer",
      "traffic.defaults.retries.attempts",
      "traffic.defaults.retries.retryOn",
    ]);
  });

  it("every mesh has a traffic block, and no mesh (none) has none", () => {
    expect(loadMeshProfile("none").traffic).toBeUndefined();
    expect(MESH_IDS.filter((id) => loadMeshProfile(id).traffic === undefined)).toEqual([]);
  });

  it("traffic rules need an L7 proxy in ambient (the waypoint) and Cilium (the node Envoy) only", () => {
    expect(MESH_IDS.filter((id) => loadMeshProfile(id).traffic?.needsL7)).toEqual(["istio-ambient", "cilium"]);
  });

  it.each(MESH_IDS)("%s's default load balancer is one it offers", (id) => {
    const traffic = loadMeshProfile(id).traffic!;
    expect(traffic.loadBalancers).toContain(traffic.defaults.loadBalancer);
  });

  it.each(MESH_IDS)("%s has a default retry budget only if it supports retry budgets", (id) => {
    const traffic = loadMeshProfile(id).traffic!;
    if (traffic.defaults.retryBudget) expect(traffic.supports.retryBudget).toBe(true);
  });

  it("the profile schema offers the simulator's load balancers and retry conditions", () => {
    const traffic = PROFILE_SCHEMA.properties.traffic;
    expect(traffic.properties.loadBalancers.items.enum).toEqual(LOAD_BALANCERS);
    expect(traffic.properties.defaults.properties.retries.properties.retryOn.items.enum).toEqual(RETRY_ON);
  });

  it("a traffic default the simulator lacks is an error naming the field", () => {
    const load = () => loadMeshProfile("istio", { file: "s.yaml", values: { traffic: { defaults: { loadBalancer: "least-conn" } } } });
    expect(load).toThrow(ScenarioError);
    expect(load).toThrow('s.yaml: mesh.overrides.istio.traffic.defaults.loadBalancer must be one of round-robin, random, least-request, ewma, got "least-conn"');
  });

  it("every profile lists the same features", () => {
    const withFeatures = describeMeshes().filter((mesh) => mesh.id !== "none");
    const keys = withFeatures.map((mesh) => Object.keys(mesh.features).sort().join(","));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0].split(",")).toContain("trafficSplit");
  });

  it.each([
    ["istio", "sidecar"],
    ["linkerd2", "sidecar"],
    ["consul", "sidecar"],
    ["kuma", "sidecar"],
    ["osm", "sidecar"],
    ["linkerd1", "node-agent"],
    ["traefik-mesh", "node-agent"],
    ["istio-ambient", "ambient"],
    ["cilium", "ebpf"],
  ])("%s is a %s mesh", (id, architecture) => {
    expect(loadMeshProfile(id).architecture).toBe(architecture);
  });
});
