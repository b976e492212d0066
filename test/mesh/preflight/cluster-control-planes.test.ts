import { describe, expect, it } from "vitest";
import { clusterControlPlanes } from "../../../src/mesh/preflight/cluster-control-planes.js";
import { controlPlaneMemoryMb, deriveMeshOptions, staticResources, unscopedLoad } from "../../../src/mesh/index.js";
import { parseScenario } from "../../../src/import/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

/** east (2 nodes): web x2; west (2 nodes): web x1, api x2; every pod meshed, the load generator unmeshed. */
const scenario = parseScenario(
  "two.yaml",
  {
    name: "two",
    clusters: [
      { name: "east", region: "us-east-1", nodes: 2 },
      { name: "west", region: "us-west-2", nodes: 2 },
    ],
    services: [
      { name: "web", clusters: { east: 2, west: 1 }, serviceTime: { type: "constant", valueMs: 1 } },
      { name: "api", clusters: { west: 2 }, serviceTime: { type: "constant", valueMs: 1 } },
    ],
    requestTypes: [{ name: "r", entry: "web", calls: [{ call: "api" }] }],
    load: { type: "open", ratePerSec: 10 },
  },
  "",
);
const settings = (controlPlane: "multi-primary" | "primary-remote") => ({
  mtls: "off" as const,
  l7: false,
  ingress: "direct" as const,
  encryption: "none" as const,
  multiCluster: { modes: {}, controlPlane, gatewayReplicas: 1 },
});

describe("clusterControlPlanes", () => {
  it("clusterControlPlanes(istio, multi-primary) runs one istiod per cluster, each configuring its cluster's sidecars for every cluster's endpoints", () => {
    const istio = loadMeshProfile("istio");
    const mesh = deriveMeshOptions(istio, scenario.topology, settings("multi-primary"));
    const planes = clusterControlPlanes(scenario.topology, istio, mesh, false, 0)!;
    expect(planes.map(({ cluster, proxies, remoteEndpoints }) => ({ cluster, proxies, remoteEndpoints }))).toEqual([
      { cluster: "east", proxies: 2, remoteEndpoints: 3 },
      { cluster: "west", proxies: 3, remoteEndpoints: 2 },
    ]);
    expect(planes[0].memoryMb).toBeCloseTo(controlPlaneMemoryMb(istio.controlPlane!, unscopedLoad(2, 2, 2, 5)), 9);
    // A remote endpoint costs the control plane what a local one does, for each proxy it configures.
    expect(planes[0].memoryMb - controlPlaneMemoryMb(istio.controlPlane!, unscopedLoad(2, 2, 2, 2))).toBeCloseTo((2 * 3 * istio.controlPlane!.memoryPerProxyPerEndpointKb!) / 1024, 9);
    const fixed = staticResources(scenario.topology, istio, mesh, false);
    expect(fixed.controlPlane.memoryMb).toBeCloseTo(planes[0].memoryMb + planes[1].memoryMb, 9);
    expect(fixed.controlPlane.baseVcpu).toBeCloseTo(2 * istio.controlPlane!.baseVcpu, 12);
  });

  it("clusterControlPlanes(istio, multi-primary, proxyScope callees) configures each cluster's sidecars for their callees in every cluster", () => {
    const istio = loadMeshProfile("istio");
    const mesh = deriveMeshOptions(istio, scenario.topology, { ...settings("multi-primary"), proxyScope: "callees" });
    const planes = clusterControlPlanes(scenario.topology, istio, mesh, false, 0)!;
    // web's sidecars know api (1 service, its 2 pods in west); api's know nothing. east: 2 web; west: 1 web, 2 api.
    const load = (webs: number, apis: number) => ({ proxies: webs + apis, services: 2, proxyServices: webs * 1, proxyEndpoints: webs * 2 });
    expect(planes[0].memoryMb).toBeCloseTo(controlPlaneMemoryMb(istio.controlPlane!, load(2, 0)), 9);
    expect(planes[1].memoryMb).toBeCloseTo(controlPlaneMemoryMb(istio.controlPlane!, load(1, 2)), 9);
    expect(planes[1].memoryMb).toBeLessThan(clusterControlPlanes(scenario.topology, istio, deriveMeshOptions(istio, scenario.topology, settings("multi-primary")), false, 0)![1].memoryMb);
  });

  it("clusterControlPlanes(istio, primary-remote) leaves one istiod configuring every proxy, as in one cluster", () => {
    const istio = loadMeshProfile("istio");
    const mesh = deriveMeshOptions(istio, scenario.topology, settings("primary-remote"));
    expect(clusterControlPlanes(scenario.topology, istio, mesh, false, 0)).toBeUndefined();
    expect(staticResources(scenario.topology, istio, mesh, false).controlPlane.memoryMb).toBeCloseTo(controlPlaneMemoryMb(istio.controlPlane!, unscopedLoad(5, 2, 2, 5)), 9);
  });

  it("staticResources(two clusters, gateway mode) counts each cluster's gateway replicas among the proxies; a flat mode has none", () => {
    const linkerd = loadMeshProfile("linkerd2");
    const gatewayMode = staticResources(scenario.topology, linkerd, deriveMeshOptions(linkerd, scenario.topology, settings("multi-primary")), false);
    const flat = staticResources(scenario.topology, linkerd, deriveMeshOptions(linkerd, scenario.topology, { ...settings("multi-primary"), multiCluster: { modes: { linkerd2: "flat" }, controlPlane: "multi-primary", gatewayReplicas: 1 } }), false);
    expect(gatewayMode.proxies - flat.proxies).toBe(2);
  });
});
