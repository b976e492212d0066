/**
 * The parts of an imported scenario that come from the meshes' security resources: `policies` (who
 * may call each protected service), `mesh.mtls` and a service's own `mtls`, each with its comment.
 */

import type { DeployedWorkload, DeploymentShape } from "../manifests/index.js";
import type { PlacedComment } from "./compose-scenario.js";

/** Adds a service's own mTLS mode (a namespace's PeerAuthentication unlike the mesh's) to services[index]. */
export function addServiceMtls(service: Record<string, unknown>, workload: DeployedWorkload, comments: PlacedComment[], index: number): void {
  if (!workload.mtls) return;
  service.mtls = workload.mtls.mode;
  comments.push({ path: ["services", index, "mtls"], text: `from ${workload.mtls.from}` });
}

/**
 * Adds `mesh.mtls` and `policies` to the document when the manifests say them; `serviceName` maps a
 * workload's name to its scenario service's.
 */
export function addAccessPolicies(document: Record<string, unknown>, shape: DeploymentShape | undefined, serviceName: ReadonlyMap<string, string>, comments: PlacedComment[]): void {
  if (shape?.mtls) {
    document.mesh = { ...((document.mesh as Record<string, unknown> | undefined) ?? {}), mtls: shape.mtls.mode };
    comments.push({ path: ["mesh", "mtls"], text: `from ${shape.mtls.from}; --mtls overrides` });
  }
  if (!shape?.policies) return;
  document.policies = shape.policies.map((policy, index) => {
    comments.push({ path: ["policies", index], before: true, text: `from ${policy.from.join(", ")}` });
    const allowFrom = policy.allowFrom.map((caller) => (caller === "load-generator" ? caller : serviceName.get(caller.name)!));
    if (policy.l7) comments.push({ path: ["policies", index, "l7"], text: "the policy looks at requests (paths, methods, headers): the simulation allows or denies the whole caller, at L7" });
    return { to: serviceName.get(policy.to.name)!, allowFrom, ...(policy.l7 ? { l7: true } : {}) };
  });
}
