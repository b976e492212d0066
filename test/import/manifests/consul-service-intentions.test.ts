// readConsulServiceIntentions, through importDeploymentShape: allowed sources as callers, L7
// permissions, wildcards, and the default intention for unlisted callers.

import { describe, expect, it } from "vitest";
import { policiesOf, shapeWith } from "./_access-fixtures.js";

function intentions(spec: string): string {
  return `apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceIntentions\nmetadata: { name: db, namespace: shop }\nspec:\n${spec}`;
}

describe("readConsulServiceIntentions", () => {
  it("takes allowed sources as callers and denied ones as left out, the docs' example", () => {
    // developer.hashicorp.com/consul/docs/reference/config-entry/service-intentions: allow web, deny everyone else.
    const shape = shapeWith(intentions("  destination: { name: db }\n  sources:\n    - { name: api, action: allow }\n    - { name: web, action: deny }\n    - { name: '*', action: deny }\n"));
    expect(policiesOf(shape)).toEqual(["db <- api"]);
    expect(shape.notices.some((notice) => notice.includes("default intention"))).toBe(false);
  });

  it("takes L7 permissions as an L7 policy, and notes the default intention when no wildcard says", () => {
    const shape = shapeWith(intentions("  destination: { name: db }\n  sources:\n    - name: api\n      permissions:\n        - { action: allow, http: { pathPrefix: /orders, methods: [GET] } }\n"));
    expect(policiesOf(shape)).toEqual(["db <- api (l7)"]);
    expect(shape.notices).toContain("k8s.yaml: ServiceIntentions db: callers it does not list get Consul's default intention (the ACL default policy); taken as deny");
  });

  it("sets no policy when a wildcard allows everyone, and refuses to guess when it allows all but some", () => {
    expect(policiesOf(shapeWith(intentions("  destination: { name: db }\n  sources:\n    - { name: '*', action: allow }\n")))).toEqual([]);
    const shape = shapeWith(intentions("  destination: { name: db }\n  sources:\n    - { name: web, action: deny }\n    - { name: '*', action: allow }\n"));
    expect(policiesOf(shape)).toEqual([]);
    expect(shape.notImported).toContain(
      "k8s.yaml: ServiceIntentions db: allows every caller but web, which an allow list of the manifests' workloads cannot say for callers outside them: not imported, so db gets no policy (every caller allowed)",
    );
  });

  it("takes an ingress gateway source as the load generator", () => {
    expect(policiesOf(shapeWith(intentions("  destination: { name: db }\n  sources:\n    - { name: ingress-gateway, action: allow }\n")))).toEqual(["db <- load-generator"]);
  });
});
