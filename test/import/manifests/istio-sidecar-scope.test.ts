// readIstioSidecarScope, through importDeploymentShape: Istio Sidecar resources whose egress hosts
// name services one by one scope every sidecar (mesh.proxyScope: callees); a wildcard host or a
// workload without a Sidecar leaves the scope at the mesh, with a note.

import { describe, expect, it } from "vitest";
import { shapeWith } from "./_access-fixtures.js";

const INJECTED = ["shop", "ops"].map((name) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name}, labels: { istio-injection: enabled } }\n`);

function sidecar(namespace: string, name: string, hosts: string[], selector?: string): string {
  const workloadSelector = selector ? `  workloadSelector: { labels: { ${selector} } }\n` : "";
  return `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec:\n${workloadSelector}  egress:\n    - hosts: [${hosts.map((host) => `"${host}"`).join(", ")}]\n`;
}

describe("readIstioSidecarScope", () => {
  it("scopes every sidecar when each Istio workload's Sidecar names its hosts one by one, istio-system's hosts aside", () => {
    const shape = shapeWith(
      ...INJECTED,
      sidecar("shop", "web", ["./api.shop.svc.cluster.local", "istio-system/*"], "app: web"),
      sidecar("shop", "default", ["./db.shop.svc.cluster.local"]),
      sidecar("istio-system", "default", ["./nothing.istio-system.svc.cluster.local", "shop/api.shop.svc.cluster.local"]),
    );
    expect(shape.proxyScope).toEqual({ scope: "callees", from: ["k8s.yaml: Sidecar web", "k8s.yaml: Sidecar default"] });
    expect(shape.notImported.filter((line) => line.includes("Sidecar"))).toEqual([]);
    expect(shape.notices.some((line) => line.includes("Sidecar"))).toBe(false);
  });

  it("leaves the scope at the mesh when a Sidecar keeps its namespace (./*), and names the workloads it leaves", () => {
    const shape = shapeWith(...INJECTED, sidecar("shop", "default", ["./*", "istio-system/*"]), sidecar("ops", "default", ["./api.shop.svc.cluster.local"]));
    expect(shape.proxyScope).toBeUndefined();
    expect(shape.notImported).toContain(
      "Istio Sidecar resources scope 1 of 4 Istio workloads to hosts named one by one; the others reach a namespace's or the mesh's services (web (k8s.yaml: Sidecar default: a wildcard host), api (k8s.yaml: Sidecar default: a wildcard host), db (k8s.yaml: Sidecar default: a wildcard host)), so mesh.proxyScope is left at mesh (every sidecar configured for every service); set it to callees if each sidecar's hosts are what its workload calls",
    );
  });

  it("leaves the scope at the mesh when a workload has no Sidecar", () => {
    const shape = shapeWith(...INJECTED, sidecar("shop", "default", ["./db.shop.svc.cluster.local"]));
    expect(shape.proxyScope).toBeUndefined();
    expect(shape.notImported.find((line) => line.startsWith("Istio Sidecar resources"))).toContain("monitor (no Sidecar)");
  });

  it("notes Sidecars when no workload is enrolled in Istio", () => {
    const shape = shapeWith(sidecar("shop", "default", ["./db.shop.svc.cluster.local"]));
    expect(shape.proxyScope).toBeUndefined();
    expect(shape.notImported).toContain("1 Istio Sidecar resource, but no workload is enrolled in Istio; mesh.proxyScope is left out");
  });
});
