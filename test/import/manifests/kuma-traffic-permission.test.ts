// readKumaTrafficPermission, through importDeploymentShape: the most precise from entry decides for
// each caller, Kuma's names (kuma.io/service tags) found, and what is not read.

import { describe, expect, it } from "vitest";
import { policiesOf, shapeWith } from "./_access-fixtures.js";

function permission(spec: string): string {
  return `apiVersion: kuma.io/v1alpha1\nkind: MeshTrafficPermission\nmetadata: { name: p, namespace: kuma-system, labels: { kuma.io/mesh: default } }\nspec:\n${spec}`;
}

describe("readKumaTrafficPermission", () => {
  it("allows the callers a from entry names, denying the rest (kuma.io/docs/latest/policies/meshtrafficpermission/)", () => {
    const shape = shapeWith(permission("  targetRef: { kind: MeshService, name: db }\n  from:\n    - targetRef: { kind: MeshSubset, tags: { kuma.io/service: api_shop_svc_8080 } }\n      default: { action: Allow }\n"));
    expect(policiesOf(shape)).toEqual(["db <- api"]);
    expect(shape.notices).toContain("k8s.yaml: MeshTrafficPermission p: callers no from entry matches are taken as denied, as Kuma denies them with mTLS on (Kuma creates no default allow-all permission; one applied outside the manifests would let them in)");
  });

  it("lets the more precise entry win over a Mesh-wide one", () => {
    const shape = shapeWith(
      permission("  targetRef: { kind: MeshService, name: db }\n  from:\n    - targetRef: { kind: Mesh }\n      default: { action: Allow }\n    - targetRef: { kind: MeshService, name: web }\n      default: { action: Deny }\n"),
    );
    expect(policiesOf(shape)).toEqual(["db <- api, db, monitor, load-generator"]);
  });

  it("sets no policy for a Mesh-wide Allow, and lists spec.rules as not imported", () => {
    expect(policiesOf(shapeWith(permission("  targetRef: { kind: Mesh }\n  from:\n    - targetRef: { kind: Mesh }\n      default: { action: Allow }\n")))).toEqual([]);
    const shape = shapeWith(permission("  targetRef: { kind: MeshService, name: db }\n  rules:\n    - default: { allow: [{ spiffeID: { type: Exact, value: 'spiffe://default/ns/shop/sa/api-sa' } }] }\n"));
    expect(shape.notImported).toContain("k8s.yaml: MeshTrafficPermission p: spec.rules (matches by SPIFFE ID; the import reads spec.from): not imported, so db gets no policy (every caller allowed)");
  });
});
