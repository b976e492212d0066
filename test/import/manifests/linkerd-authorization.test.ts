// readLinkerdAuthorization, through importDeploymentShape: a Server denies what no AuthorizationPolicy
// lets in; MeshTLSAuthentication identities and service accounts as callers; HTTPRoute targets as L7.

import { describe, expect, it } from "vitest";
import { policiesOf, shapeWith } from "./_access-fixtures.js";

const SERVER = "apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: { name: db-http, namespace: shop }\nspec:\n  podSelector: { matchLabels: { app: db } }\n  port: 8080\n";

function authorization(target: string, refs: string): string {
  return `apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata: { name: db-auth, namespace: shop }\nspec:\n  targetRef: ${target}\n  requiredAuthenticationRefs: ${refs}\n`;
}

describe("readLinkerdAuthorization", () => {
  it("denies every caller of a Server no policy authorizes", () => {
    expect(policiesOf(shapeWith(SERVER))).toEqual(["db <- nobody"]);
  });

  it.each([
    ["deny", ["db <- nobody"]],
    ["all-unauthenticated", []],
    ["audit", []],
    ["all-authenticated", ["db <- web, api, db, monitor"]],
  ])("lets in what a Server's accessPolicy %s does (policy-controller defaults.rs)", (mode, expected) => {
    expect(policiesOf(shapeWith(`${SERVER}  accessPolicy: ${mode}\n`))).toEqual(expected);
  });

  it("takes a MeshTLSAuthentication's identities as callers (linkerd.io/2/tasks/restricting-access/)", () => {
    const authentication = "apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata: { name: api-only, namespace: shop }\nspec:\n  identities: [api-sa.shop.serviceaccount.identity.linkerd.cluster.local]\n";
    const shape = shapeWith(SERVER, authentication, authorization("{ group: policy.linkerd.io, kind: Server, name: db-http }", "[{ group: policy.linkerd.io, kind: MeshTLSAuthentication, name: api-only }]"));
    expect(policiesOf(shape)).toEqual(["db <- api"]);
  });

  it("takes identityRefs and a policy on an HTTPRoute (L7)", () => {
    const authentication = "apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata: { name: ops, namespace: shop }\nspec:\n  identityRefs: [{ kind: Namespace, name: ops }]\n";
    const route = "apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata: { name: db-metrics, namespace: shop }\nspec:\n  parentRefs: [{ group: policy.linkerd.io, kind: Server, name: db-http }]\n  rules: [{ matches: [{ path: { value: /metrics } }] }]\n";
    const shape = shapeWith(SERVER, authentication, route, authorization("{ group: policy.linkerd.io, kind: HTTPRoute, name: db-metrics }", "[{ group: policy.linkerd.io, kind: MeshTLSAuthentication, name: ops }]"));
    expect(policiesOf(shape)).toEqual(["db <- monitor (l7)"]);
  });

  it("takes a ServiceAccount ref, and lists network authentication by address as not imported", () => {
    expect(policiesOf(shapeWith(SERVER, authorization("{ group: policy.linkerd.io, kind: Server, name: db-http }", "[{ kind: ServiceAccount, name: web-sa }]")))).toEqual(["db <- web"]);
    const network = "apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata: { name: cluster, namespace: shop }\nspec:\n  networks: [{ cidr: 10.0.0.0/8 }]\n";
    const shape = shapeWith(SERVER, network, authorization("{ group: policy.linkerd.io, kind: Server, name: db-http }", "[{ group: policy.linkerd.io, kind: NetworkAuthentication, name: cluster }]"));
    expect(policiesOf(shape)).toEqual([]);
    expect(shape.notImported).toContain(
      "k8s.yaml: AuthorizationPolicy db-auth: spec.requiredAuthenticationRefs[0] is NetworkAuthentication cluster, which lets callers in by address; the scenario's services have none: not imported, so db gets no policy (every caller allowed)",
    );
  });
});
