// readIstioAuthorizationPolicy, through importDeploymentShape: ALLOW policies' principals and
// namespaces as callers, operations and conditions as L7, and the policies an allow list cannot hold.

import { describe, expect, it } from "vitest";
import { policiesOf, shapeWith } from "./_access-fixtures.js";

/** An AuthorizationPolicy in namespace `namespace` with `spec` (indented YAML under spec:). */
function policy(spec: string, namespace = "shop", name = "p"): string {
  return `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec:\n${spec}`;
}

describe("readIstioAuthorizationPolicy", () => {
  it.each([
    ["a principal (service account)", "  selector: { matchLabels: { app: db } }\n  rules:\n    - from: [{ source: { principals: [cluster.local/ns/shop/sa/api-sa] } }]\n", ["db <- api"]],
    ["a namespace", "  selector: { matchLabels: { app: db } }\n  rules:\n    - from: [{ source: { namespaces: [ops] } }]\n", ["db <- monitor"]],
    ["principals and namespaces in one source (both must match)", "  selector: { matchLabels: { app: db } }\n  rules:\n    - from: [{ source: { principals: ['*'], namespaces: [ops] } }]\n", ["db <- monitor"]],
    ["every account of a namespace", "  selector: { matchLabels: { app: db } }\n  rules:\n    - from: [{ source: { principals: [cluster.local/ns/shop/sa/*] } }]\n", ["db <- web, api, db"]],
    ["the ingress gateway as the load generator", "  selector: { matchLabels: { app: web } }\n  rules:\n    - from: [{ source: { principals: [cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account] } }]\n", ["web <- load-generator"]],
    ["paths and methods as L7", "  selector: { matchLabels: { app: api } }\n  rules:\n    - from: [{ source: { principals: [cluster.local/ns/shop/sa/web-sa] } }]\n      to: [{ operation: { methods: [GET], paths: [/info*] } }]\n", ["api <- web (l7)"]],
    ["ports alone as L4", "  selector: { matchLabels: { app: api } }\n  rules:\n    - from: [{ source: { principals: [cluster.local/ns/shop/sa/web-sa] } }]\n      to: [{ operation: { ports: ['8080'] } }]\n", ["api <- web"]],
    ["a namespace-wide allow-nothing (spec: {})", "  {}\n", ["web <- nobody", "api <- nobody", "db <- nobody"]],
  ])("reads %s", (_what, spec, expected) => {
    expect(policiesOf(shapeWith(policy(spec)))).toEqual(expected);
  });

  it("joins the policies of one workload and drops it when one lets everyone in", () => {
    const fromWeb = policy("  selector: { matchLabels: { app: api } }\n  rules:\n    - from: [{ source: { principals: [cluster.local/ns/shop/sa/web-sa] } }]\n", "shop", "a");
    const fromOps = policy("  selector: { matchLabels: { app: api } }\n  rules:\n    - from: [{ source: { namespaces: [ops] } }]\n", "shop", "b");
    expect(policiesOf(shapeWith(fromWeb, fromOps))).toEqual(["api <- web, monitor"]);
    const shape = shapeWith(fromWeb, policy("  selector: { matchLabels: { app: api } }\n  rules:\n    - to: [{ operation: { methods: [GET] } }]\n", "shop", "c"));
    expect(policiesOf(shape)).toEqual([]);
    expect(shape.notices).toContain("api: k8s.yaml: AuthorizationPolicy c lets every caller in, so it gets no policy");
  });

  it("applies a root-namespace policy without a selector to every workload", () => {
    expect(policiesOf(shapeWith(policy("  rules:\n    - from: [{ source: { namespaces: [shop] } }]\n", "istio-system")))).toEqual(["web <- web, api, db", "api <- web, api, db", "db <- web, api, db", "monitor <- web, api, db"]);
  });

  it("applies a root-namespace policy with a selector to the workloads it selects in every namespace", () => {
    // istio.io/latest/docs/reference/config/security/authorization-policy/ (selector): in the root
    // namespace the selector also matches workloads of all namespaces.
    expect(policiesOf(shapeWith(policy("  selector: { matchLabels: { app: db } }\n  rules:\n    - from: [{ source: { namespaces: [ops] } }]\n", "istio-system")))).toEqual(["db <- monitor"]);
  });

  it.each([
    ["DENY", "  selector: { matchLabels: { app: api } }\n  action: DENY\n  rules: [{}]\n", "k8s.yaml: AuthorizationPolicy p: a DENY policy: the scenario's policies are allow lists: not imported, so api gets no policy (every caller allowed)"],
    ["CUSTOM", "  selector: { matchLabels: { app: api } }\n  action: CUSTOM\n  provider: { name: opa }\n  rules: [{}]\n", "k8s.yaml: AuthorizationPolicy p: a CUSTOM policy asks an external authorizer, which the simulation does not model: not imported, so api gets no policy (every caller allowed)"],
    ["AUDIT", "  selector: { matchLabels: { app: api } }\n  action: AUDIT\n", "k8s.yaml: AuthorizationPolicy p: an AUDIT policy only logs requests, allowing or denying none; not imported"],
    ["notPrincipals", "  selector: { matchLabels: { app: api } }\n  rules:\n    - from: [{ source: { notPrincipals: [cluster.local/ns/shop/sa/web-sa] } }]\n", "k8s.yaml: AuthorizationPolicy p: spec.rules[0] from[0].source.notPrincipals excludes callers by identity, which an allow list cannot say: not imported, so api gets no policy (every caller allowed)"],
    ["ipBlocks", "  selector: { matchLabels: { app: api } }\n  rules:\n    - from: [{ source: { ipBlocks: [10.0.0.0/8] } }]\n", "k8s.yaml: AuthorizationPolicy p: spec.rules[0] from[0].source.ipBlocks matches callers by IP address, which the scenario's services do not have: not imported, so api gets no policy (every caller allowed)"],
    ["a waypoint target", "  targetRefs: [{ kind: Service, group: '', name: api }]\n  rules: [{}]\n", "k8s.yaml: AuthorizationPolicy p: targetRefs (a waypoint, gateway or Service) place the policy outside the workloads' sidecars; not imported"],
  ])("lists a %s policy as not imported, with why", (_what, spec, line) => {
    const shape = shapeWith(policy(spec));
    expect(policiesOf(shape)).toEqual([]);
    expect(shape.notImported).toContain(line);
  });

  it("drops a workload's allow list when another of its policies cannot be read (no call denied that Istio allows)", () => {
    const fromWeb = policy("  selector: { matchLabels: { app: api } }\n  rules:\n    - from: [{ source: { principals: [cluster.local/ns/shop/sa/web-sa] } }]\n", "shop", "a");
    const byIp = policy("  selector: { matchLabels: { app: api } }\n  rules:\n    - from: [{ source: { ipBlocks: [10.0.0.0/8] } }]\n", "shop", "b");
    expect(policiesOf(shapeWith(fromWeb, byIp))).toEqual([]);
  });
});
