// readIstioPeerAuthentication, through importDeploymentShape: mesh-wide and namespace modes as the
// scenario's mTLS setting; per-workload and per-port modes noted, not imported.

import { describe, expect, it } from "vitest";
import { shapeWith } from "./_access-fixtures.js";

function peerAuthentication(spec: string, namespace = "istio-system", name = "default"): string {
  return `apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata: { name: ${name}, namespace: ${namespace} }\nspec:\n${spec}`;
}

describe("readIstioPeerAuthentication", () => {
  it.each([
    ["STRICT", "strict"],
    ["PERMISSIVE", "permissive"],
    ["DISABLE", "off"],
  ])("takes a mesh-wide %s as mesh.mtls %s", (mode, mtls) => {
    expect(shapeWith(peerAuthentication(`  mtls: { mode: ${mode} }\n`)).mtls).toEqual({ mode: mtls, from: `k8s.yaml: PeerAuthentication default (mesh-wide, mtls.mode ${mode})` });
  });

  it("gives a namespace's mode to its workloads where it differs from the mesh's", () => {
    const shape = shapeWith(peerAuthentication("  mtls: { mode: STRICT }\n"), peerAuthentication("  mtls: { mode: PERMISSIVE }\n", "ops", "legacy"));
    expect(shape.mtls?.mode).toBe("strict");
    expect(shape.workloads.map((workload) => [workload.name, workload.mtls?.mode])).toEqual([
      ["web", undefined],
      ["api", undefined],
      ["db", undefined],
      ["monitor", "permissive"],
    ]);
  });

  it("takes the mode of a namespace holding every workload as the mesh's", () => {
    const shape = shapeWith(peerAuthentication("  mtls: { mode: STRICT }\n", "shop"));
    // monitor (namespace ops) is not in shop, so shop's mode is the shop workloads' own.
    expect(shape.mtls).toBeUndefined();
    expect(shape.workloads.filter((workload) => workload.mtls?.mode === "strict").map((workload) => workload.name)).toEqual(["web", "api", "db"]);
  });

  it("notes per-workload and per-port modes without importing them", () => {
    const shape = shapeWith(peerAuthentication("  selector: { matchLabels: { app: db } }\n  mtls: { mode: DISABLE }\n  portLevelMtls: { '5432': { mode: DISABLE } }\n", "shop", "db"));
    expect(shape.mtls).toBeUndefined();
    expect(shape.workloads.every((workload) => workload.mtls === undefined)).toBe(true);
    expect(shape.notImported).toEqual([
      "k8s.yaml: PeerAuthentication db: portLevelMtls (a mode per port: the scenario's services have one port each); the policy's own mode is read",
      "k8s.yaml: PeerAuthentication db: mtls.mode DISABLE for the workloads its selector picks (per-workload modes are not imported; the mesh's or namespace's mode applies to them)",
    ]);
  });

  it("uses the first of two mesh-wide modes, noting the second", () => {
    const shape = shapeWith(peerAuthentication("  mtls: { mode: STRICT }\n"), peerAuthentication("  mtls: { mode: DISABLE }\n", "istio-system", "other"));
    expect(shape.mtls?.mode).toBe("strict");
    expect(shape.notImported).toContain("k8s.yaml: PeerAuthentication other (mesh-wide, mtls.mode DISABLE): a second mesh-wide mTLS mode; the first, k8s.yaml: PeerAuthentication default (mesh-wide, mtls.mode STRICT), is used");
  });
});
