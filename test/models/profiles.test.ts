/**
 * The mesh profiles in models/ are data the whole product rests on: each must load, describe
 * its architecture completely, carry a source for every number, and share one feature list.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { describeMeshes, loadMeshProfile, meshIds } from "../../src/scenario/index.js";

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

describe("models/", () => {
  it("has a profile for every mesh id in the design", () => {
    expect([...meshIds()].sort()).toEqual([...DESIGN_IDS].sort());
  });

  it.each(DESIGN_IDS)("%s loads and validates", (id) => {
    expect(loadMeshProfile(id).id).toBe(id);
  });

  it.each(DESIGN_IDS)("every number in %s.yaml has its source", (id) => {
    const document = parse(readFileSync(join(MODELS, `${id}.yaml`), "utf8"));
    const sources = document.sources ?? {};
    const unsourced = numericPaths(document).filter((path) => !(path in sources) || String(sources[path]).trim() === "");
    expect(unsourced).toEqual([]);
    const stale = Object.keys(sources).filter((path) => !numericPaths(document).includes(path));
    expect(stale).toEqual([]);
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
