// readKumaReachableServices, through importDeploymentShape: when every Kuma workload lists its
// reachable services, each sidecar is scoped (mesh.proxyScope: callees); otherwise a note.

import { describe, expect, it } from "vitest";
import { importDeploymentShape } from "../../../src/import/manifests/index.js";
import { parseManifests } from "../../../src/import/traffic/index.js";
import { annotatedDeployment } from "./_deployment-fixture.js";

function kumaDeployment(name: string, reachable?: string): string {
  const scope: Record<string, string> = reachable === undefined ? {} : { "kuma.io/transparent-proxying-reachable-services": reachable };
  return annotatedDeployment(name, { "kuma.io/sidecar-injection": "enabled", ...scope });
}

const shapeOf = (...documents: string[]) => importDeploymentShape(parseManifests("k8s.yaml", documents.join("---\n")), ["k8s.yaml"]);

describe("readKumaReachableServices", () => {
  it("scopes every sidecar when each Kuma workload lists its reachable services (an empty list too)", () => {
    const shape = shapeOf(kumaDeployment("web", "api_shop_svc_80"), kumaDeployment("api", ""));
    expect(shape.workloads.map((workload) => workload.mesh?.id)).toEqual(["kuma", "kuma"]);
    expect(shape.proxyScope).toEqual({
      scope: "callees",
      from: ["k8s.yaml: Deployment web: annotation kuma.io/transparent-proxying-reachable-services", "k8s.yaml: Deployment api: annotation kuma.io/transparent-proxying-reachable-services"],
    });
  });

  it("leaves the scope at the mesh when a Kuma workload lists none, naming it", () => {
    const shape = shapeOf(kumaDeployment("web", "api_shop_svc_80"), kumaDeployment("api"));
    expect(shape.proxyScope).toBeUndefined();
    expect(shape.notImported).toContain(
      "Kuma reachable services scope 1 of 2 Kuma workloads; the others (api) get every service of the mesh, so mesh.proxyScope is left at mesh (every sidecar configured for every service); set it to callees if each workload's list is what it calls",
    );
  });

  it("says nothing when no Kuma workload lists reachable services", () => {
    const shape = shapeOf(kumaDeployment("web"), kumaDeployment("api"));
    expect(shape.proxyScope).toBeUndefined();
    expect(shape.notImported.some((line) => line.includes("reachable"))).toBe(false);
  });
});
