/**
 * Each mesh's multi-cluster mode as a run sees it (the gateway, who balances over which clusters), and
 * the one-line refusals: a mesh with no multi-cluster mode names the meshes that can.
 */

import { describe, expect, it } from "vitest";
import { checkMultiClusterSupport, multiClusterOptions } from "../../../src/mesh/preflight/multi-cluster-options.js";
import { UnsupportedSettingError } from "../../../src/mesh/index.js";
import { parseScenario } from "../../../src/import/index.js";
import { loadMeshProfile, meshIds } from "../../../src/scenario/index.js";

const topology = parseScenario(
  "two.yaml",
  {
    name: "two",
    clusters: [
      { name: "east", region: "us-east-1" },
      { name: "west", region: "us-west-2" },
    ],
    services: [{ name: "server", serviceTime: { type: "constant", valueMs: 1 } }],
    requestTypes: [{ name: "r", entry: "server" }],
    load: { type: "open", ratePerSec: 10 },
  },
  "",
).topology;
const oneCluster = parseScenario(
  "one.yaml",
  { name: "one", services: [{ name: "server", serviceTime: { type: "constant", valueMs: 1 } }], requestTypes: [{ name: "r", entry: "server" }], load: { type: "open", ratePerSec: 10 } },
  "",
).topology;
const ABLE = meshIds().filter((id) => loadMeshProfile(id).multiCluster !== undefined);
const request = (modes: Record<string, string> = {}, controlPlane: "multi-primary" | "primary-remote" = "multi-primary") => ({ modes, controlPlane });

function refusal(id: string, asked = request(), l7 = false): string {
  try {
    checkMultiClusterSupport(loadMeshProfile(id), topology, asked, l7, ABLE);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedSettingError);
    return (error as Error).message;
  }
  throw new Error("expected an UnsupportedSettingError");
}

describe("multiClusterOptions", () => {
  it.each([
    { id: "istio", mode: "gateway", gateways: "destination", endpoints: "all", terminates: false },
    { id: "istio-ambient", mode: "gateway", gateways: "destination", endpoints: "all", terminates: true },
    { id: "linkerd2", mode: "gateway", gateways: "destination", endpoints: "local-first", terminates: true },
    { id: "cilium", mode: "clustermesh", gateways: "none", endpoints: "all", terminates: false },
    { id: "consul", mode: "wan-federation", gateways: "both", endpoints: "local-first", terminates: false },
    { id: "kuma", mode: "zone-ingress", gateways: "destination", endpoints: "local-first", terminates: false },
    { id: "linkerd1", mode: "linker-to-linker", gateways: "destination", endpoints: "local-first", terminates: true },
  ])("multiClusterOptions($id) takes its default mode $mode: gateways $gateways, endpoints $endpoints", ({ id, mode, gateways, endpoints, terminates }) => {
    const options = multiClusterOptions(loadMeshProfile(id), topology, undefined)!;
    expect(options).toMatchObject({ mode, gateways, endpoints, gatewayTerminatesTls: terminates, controlPlane: "multi-primary" });
    expect(options.gateway !== undefined).toBe(gateways !== "none");
  });

  it("multiClusterOptions(linkerd2, gateway mode) costs the gateway as a linkerd2-proxy; istio's as its gateway Envoy", () => {
    const linkerd = loadMeshProfile("linkerd2");
    expect(multiClusterOptions(linkerd, topology, undefined)!.gateway).toEqual(linkerd.dataPlane!.proxy);
    const istio = loadMeshProfile("istio");
    expect(multiClusterOptions(istio, topology, undefined)!.gateway).toEqual(istio.dataPlane!.gateway);
  });

  it("multiClusterOptions(linkerd2) times the lost cluster's endpoints from its gateway probe in gateway mode only; the meshes that keep them have none", () => {
    const linkerd = loadMeshProfile("linkerd2");
    expect(multiClusterOptions(linkerd, topology, undefined)!.lostEndpointsAfterMs).toBe(94_500);
    expect(multiClusterOptions(linkerd, topology, request({ linkerd2: "flat" }))!.lostEndpointsAfterMs).toBeUndefined();
    expect(multiClusterOptions(linkerd, topology, request({ linkerd2: "federated" }))!.lostEndpointsAfterMs).toBeUndefined();
    for (const id of ["istio", "istio-ambient", "cilium", "consul", "kuma", "linkerd1"]) {
      expect(multiClusterOptions(loadMeshProfile(id), topology, undefined)!, id).not.toHaveProperty("lostEndpointsAfterMs");
    }
  });

  it("multiClusterOptions() follows mesh.multiCluster.modes for its mesh and nothing without clusters or a mesh", () => {
    expect(multiClusterOptions(loadMeshProfile("linkerd2"), topology, request({ linkerd2: "flat", istio: "gateway" }))).toMatchObject({ mode: "flat", gateways: "none" });
    expect(multiClusterOptions(loadMeshProfile("istio"), oneCluster, undefined)).toBeUndefined();
    expect(multiClusterOptions(loadMeshProfile("none"), topology, undefined)).toBeUndefined();
  });
});

describe("checkMultiClusterSupport", () => {
  it.each(["osm", "traefik-mesh"])("checkMultiClusterSupport(%s) refuses clusters in one line naming the meshes that can", (id) => {
    const message = refusal(id);
    expect(message).toBe(`mesh ${id} cannot express several clusters (clusters): it has no multi-cluster mode; meshes that can: ${ABLE.join(", ")}`);
    expect(ABLE).toEqual(expect.arrayContaining(["istio", "istio-ambient", "linkerd2", "cilium", "consul", "kuma", "linkerd1"]));
  });

  it.each([
    { what: "an unknown mode", id: "istio", asked: request({ istio: "hierarchical" }), l7: false, message: "mesh istio cannot express multi-cluster mode hierarchical (mesh.multiCluster.modes): its modes are gateway, flat" },
    { what: "one flat network in ambient", id: "istio-ambient", asked: request({ "istio-ambient": "flat" }), l7: false, message: "mesh istio-ambient cannot express multi-cluster mode flat (mesh.multiCluster.modes): its documentation says multicluster single-network configurations are untested and may be broken, and only multi-network is supported; its modes are gateway" },
    { what: "primary-remote in Linkerd", id: "linkerd2", asked: request({}, "primary-remote"), l7: false, message: "mesh linkerd2 cannot express control plane primary-remote (mesh.multiCluster.controlPlane): it supports multi-primary" },
    { what: "primary-remote in ambient", id: "istio-ambient", asked: request({}, "primary-remote"), l7: false, message: "it supports multi-primary" },
    { what: "waypoints across clusters", id: "istio-ambient", asked: request(), l7: true, message: "mesh istio-ambient cannot express L7 features across clusters (mesh.l7 with multi-cluster mode gateway): its multi-cluster mode carries L4 only" },
  ])("checkMultiClusterSupport($what) refuses it naming the setting", ({ id, asked, l7, message }) => {
    expect(refusal(id, asked, l7)).toContain(message);
  });

  it("checkMultiClusterSupport() accepts every able mesh's default and Istio's primary-remote, and anything in one cluster", () => {
    for (const id of ABLE) expect(() => checkMultiClusterSupport(loadMeshProfile(id), topology, request(), false, ABLE)).not.toThrow();
    expect(() => checkMultiClusterSupport(loadMeshProfile("istio"), topology, request({}, "primary-remote"), false, ABLE)).not.toThrow();
    expect(() => checkMultiClusterSupport(loadMeshProfile("osm"), oneCluster, undefined, false, ABLE)).not.toThrow();
  });
});
