// readCiliumNetworkPolicy, through importDeploymentShape: fromEndpoints labels as callers, HTTP
// rules as L7, entities, and the rules an allow list cannot hold.

import { describe, expect, it } from "vitest";
import { policiesOf, shapeWith } from "./_access-fixtures.js";

function cnp(spec: string, kind = "CiliumNetworkPolicy"): string {
  return `apiVersion: cilium.io/v2\nkind: ${kind}\nmetadata: { name: p, namespace: shop }\nspec:\n${spec}`;
}

describe("readCiliumNetworkPolicy", () => {
  it.each([
    // docs.cilium.io/en/stable/security/policy/language/ "Simple Ingress Allow".
    ["fromEndpoints labels", "  endpointSelector: { matchLabels: { app: api } }\n  ingress:\n    - fromEndpoints: [{ matchLabels: { app: web } }]\n", ["api <- web"]],
    // ... "HTTP" (Layer 7 Examples): GET /public from any endpoint with the label.
    ["an HTTP rule as L7", "  endpointSelector: { matchLabels: { app: api } }\n  ingress:\n    - fromEndpoints: [{ matchLabels: { tier: front } }]\n      toPorts: [{ ports: [{ port: '80', protocol: TCP }], rules: { http: [{ method: GET, path: /public }] } }]\n", ["api <- web (l7)"]],
    ["a namespace label", "  endpointSelector: { matchLabels: { app: db } }\n  ingress:\n    - fromEndpoints: [{ matchLabels: { k8s:io.kubernetes.pod.namespace: ops } }]\n", ["db <- monitor"]],
    ["world as the load generator", "  endpointSelector: { matchLabels: { app: web } }\n  ingress:\n    - fromEntities: [world]\n", ["web <- load-generator"]],
    ["an empty rule as deny-all", "  endpointSelector: { matchLabels: { tier: back } }\n  ingress: [{}]\n", ["api <- nobody", "db <- nobody"]],
    // An empty list is no ingress section, so it turns no default deny on (cilium pkg/policy/api Rule.Sanitize).
    ["an empty ingress list as no ingress policy", "  endpointSelector: { matchLabels: { tier: back } }\n  ingress: []\n", []],
  ])("reads %s", (_what, spec, expected) => {
    expect(policiesOf(shapeWith(cnp(spec)))).toEqual(expected);
  });

  it("sets no policy where a rule lets every caller in on some ports", () => {
    expect(policiesOf(shapeWith(cnp("  endpointSelector: { matchLabels: { app: api } }\n  ingress:\n    - toPorts: [{ ports: [{ port: '80' }] }]\n")))).toEqual([]);
  });

  it.each([
    ["a CIDR rule", "  endpointSelector: { matchLabels: { app: api } }\n  ingress:\n    - fromCIDR: [10.0.0.0/8]\n", "k8s.yaml: CiliumNetworkPolicy p: ingress[0].fromCIDR matches callers by address or node, which the scenario's services do not have: not imported, so api gets no policy (every caller allowed)"],
    ["ingressDeny", "  endpointSelector: { matchLabels: { app: api } }\n  ingressDeny:\n    - fromEndpoints: [{ matchLabels: { app: web } }]\n", "k8s.yaml: CiliumNetworkPolicy p: ingressDeny (the scenario's policies are allow lists): not imported, so api gets no policy (every caller allowed)"],
    ["ingress rules that deny no one", "  endpointSelector: { matchLabels: { app: api } }\n  enableDefaultDeny: { ingress: false }\n  ingress:\n    - fromEndpoints: [{ matchLabels: { app: web } }]\n", "k8s.yaml: CiliumNetworkPolicy p: enableDefaultDeny.ingress false (its rules allow without denying other callers): not imported, so api gets no policy (every caller allowed)"],
    ["egress only", "  endpointSelector: { matchLabels: { app: api } }\n  egress:\n    - toEndpoints: [{ matchLabels: { app: db } }]\n", "k8s.yaml: CiliumNetworkPolicy p: egress rules limit what the endpoints may call (the scenario's policies limit who may call a service); not imported"],
  ])("lists %s as not imported", (_what, spec, line) => {
    const shape = shapeWith(cnp(spec));
    expect(policiesOf(shape)).toEqual([]);
    expect(shape.notImported).toContain(line);
  });

  it("reads a clusterwide policy's selectors across namespaces", () => {
    expect(policiesOf(shapeWith(cnp("  endpointSelector: { matchLabels: { app: db } }\n  ingress:\n    - fromEndpoints: [{ matchLabels: { app: monitor } }]\n", "CiliumClusterwideNetworkPolicy")))).toEqual(["db <- monitor"]);
  });
});
