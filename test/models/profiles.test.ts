/**
 * The mesh profiles in models/ are data the whole product rests on: each must load, describe
 * its architecture completely, carry a source for every number and every traffic setting, and
 * share one feature list.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { LOAD_BALANCERS, RETRY_ON } from "../../src/mesh/model/traffic-rules.js";
import { describeMeshes, loadMeshProfile, meshIds, PROFILE_SCHEMA, ScenarioError } from "../../src/scenario/index.js";

const MODELS = join(import.meta.dirname, "../../models");
const DESIGN_IDS = ["none", "linkerd1", "linkerd2", "istio", "istio-ambient", "consul", "kuma", "osm", "cilium", "traefik-mesh"];

/** Dotted paths of every number in a document, outside `sources`. */
function numericPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === "number") return [path.join(".")];
  if (Array.isArray(value)) return value.flatMap((item, i) => numericPaths(item, [...path, String(i)]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => (path.length === 0 && key === "sources" ? [] : numericPaths(item, [...path, key])));
  }
  return [];
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

/** Paths that need a `sources` entry: every number, and every traffic setting. */
function sourcedPaths(document: Record<string, unknown>): string[] {
  const traffic = document.traffic === undefined ? [] : trafficPaths(document.traffic);
  return [...new Set([...numericPaths(document), ...traffic])];
}

const MESH_IDS = DESIGN_IDS.filter((id) => id !== "none");

describe("models/", () => {
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
    const stale = Object.keys(sources).filter((path) => !needed.includes(path));
    expect(stale).toEqual([]);
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
