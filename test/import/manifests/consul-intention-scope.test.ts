// readConsulIntentionScope, through importDeploymentShape: intentions that deny by default and allow
// callers by name scope every sidecar (mesh.proxyScope: callees); a wildcard allow or no stated
// default deny leaves the scope at the mesh, with a note.

import { describe, expect, it } from "vitest";
import { importDeploymentShape } from "../../../src/import/manifests/index.js";
import { parseManifests } from "../../../src/import/traffic/index.js";
import { annotatedDeployment } from "./_deployment-fixture.js";

const consulDeployment = (name: string): string => annotatedDeployment(name, { "consul.hashicorp.com/connect-inject": "true" });

function intentions(name: string, destination: string, sources: string): string {
  return `apiVersion: consul.hashicorp.com/v1alpha1
kind: ServiceIntentions
metadata: { name: ${name}, namespace: shop }
spec:
  destination: { name: "${destination}" }
  sources:
${sources}`;
}

const DENY_ALL = intentions("deny-all", "*", "    - { name: '*', action: deny }\n");
const API_FROM_WEB = intentions("api", "api", "    - { name: web, action: allow }\n");

const shapeOf = (...documents: string[]) => importDeploymentShape(parseManifests("k8s.yaml", documents.join("---\n")), ["k8s.yaml"]);

describe("readConsulIntentionScope", () => {
  it("scopes every sidecar under a stated default deny with callers allowed by name (HashiCorp's zero-trust setup)", () => {
    const shape = shapeOf(consulDeployment("web"), consulDeployment("api"), DENY_ALL, API_FROM_WEB);
    expect(shape.workloads.map((workload) => workload.mesh?.id)).toEqual(["consul", "consul"]);
    expect(shape.proxyScope).toEqual({ scope: "callees", from: ["k8s.yaml: ServiceIntentions deny-all", "k8s.yaml: ServiceIntentions api"] });
  });

  it("leaves the scope at the mesh when an intention allows every caller, naming it", () => {
    const open = intentions("api", "api", "    - { name: '*', action: allow }\n");
    const shape = shapeOf(consulDeployment("web"), consulDeployment("api"), DENY_ALL, open);
    expect(shape.proxyScope).toBeUndefined();
    expect(shape.notImported).toContain(
      "Consul ServiceIntentions scope each sidecar to the services that allow its workload only under a default deny with callers named one by one: k8s.yaml: ServiceIntentions api allows every caller, so every sidecar is configured for its service; mesh.proxyScope is left at mesh (every sidecar configured for every service); set it to callees if each workload is allowed what it calls",
    );
  });

  it("counts an L7 wildcard source that permits some requests as allowing every caller", () => {
    const l7 = intentions("api", "api", "    - name: '*'\n      permissions:\n        - { action: allow, http: { pathPrefix: /health } }\n");
    expect(shapeOf(consulDeployment("web"), consulDeployment("api"), DENY_ALL, l7).proxyScope).toBeUndefined();
  });

  it("leaves the scope at the mesh without a stated default deny: the ACL default policy decides", () => {
    const shape = shapeOf(consulDeployment("web"), consulDeployment("api"), API_FROM_WEB);
    expect(shape.proxyScope).toBeUndefined();
    expect(shape.notImported.some((line) => line.includes("none denies from * to * by default"))).toBe(true);
  });

  it("says nothing without intentions, and notes intentions no Consul workload has", () => {
    const none = shapeOf(consulDeployment("web"), consulDeployment("api"));
    expect(none.proxyScope).toBeUndefined();
    expect(none.notImported.some((line) => line.includes("ServiceIntentions"))).toBe(false);
    expect(shapeOf(annotatedDeployment("web", {}), DENY_ALL).notImported).toContain("1 Consul ServiceIntentions, but no workload is enrolled in Consul; mesh.proxyScope is left out");
  });
});
