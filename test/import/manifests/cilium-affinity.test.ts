// readCiliumAffinity, through importDeploymentShape: a global Service's service.cilium.io/affinity as
// the workload's clusterAffinity, none by default, and what Cilium would not apply.

import { describe, expect, it } from "vitest";
import { importDeploymentShape } from "../../../src/import/manifests/index.js";
import { parseManifests } from "../../../src/import/traffic/index.js";

/** A Deployment web and a Service selecting it with `annotations` (a YAML flow mapping's entries). */
function shapeWith(annotations: string) {
  const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: example/web }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop, annotations: { ${annotations} } }
spec: { selector: { app: web } }
`;
  return importDeploymentShape(parseManifests("k8s.yaml", yaml), ["k8s.yaml"]);
}

describe("readCiliumAffinity", () => {
  it.each([
    ["local", "local"],
    ["remote", "remote"],
    ["None", "none"],
  ])("takes a global Service's affinity %s as %s", (given, value) => {
    const shape = shapeWith(`service.cilium.io/global: "true", service.cilium.io/affinity: ${given}`);
    expect(shape.workloads[0].clusterAffinity).toEqual({ value, from: `k8s.yaml: Service web annotation service.cilium.io/affinity: ${given}` });
  });

  it("takes a global Service without affinity as none, Cilium's default", () => {
    const shape = shapeWith(`service.cilium.io/global: "true"`);
    expect(shape.workloads[0].clusterAffinity).toEqual({ value: "none", from: "k8s.yaml: Service web annotation service.cilium.io/global: true (affinity none, Cilium's default)" });
  });

  it("leaves a Service that is not global alone, listing an affinity Cilium would not apply", () => {
    const shape = shapeWith("service.cilium.io/affinity: local");
    expect(shape.workloads[0].clusterAffinity).toBeUndefined();
    expect(shape.notImported).toContain('k8s.yaml: Service web: annotation service.cilium.io/affinity: local (Cilium applies affinity to global services only, and service.cilium.io/global is not "true")');
    expect(shapeWith("").workloads[0].clusterAffinity).toBeUndefined();
  });

  it("lists an affinity Cilium does not know", () => {
    const shape = shapeWith(`service.cilium.io/global: "true", service.cilium.io/affinity: nearest`);
    expect(shape.workloads[0].clusterAffinity).toBeUndefined();
    expect(shape.notImported).toContain("k8s.yaml: Service web: annotation service.cilium.io/affinity: nearest (Cilium knows local, remote and none)");
  });
});
