/**
 * The parts of an imported scenario that come from the meshes' security resources: `policies` (who
 * may call each protected service), `mesh.mtls` and a service's own `mtls`, each with its comment.
 */

import type { DeployedWorkload, DeploymentShape } from "../manifests/index.js";
import type { PlacedComment } from "./placed-comment.js";

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
  meshTheClientUnderStrictMtls(document, comments);
  if (!shape?.policies) return;
  document.policies = shape.policies.map((policy, index) => {
    comments.push({ path: ["policies", index], before: true, text: `from ${policy.from.join(", ")}` });
    const allowFrom = policy.allowFrom.map((caller) => (caller === "load-generator" ? caller : serviceName.get(caller.name)!));
    if (policy.l7) comments.push({ path: ["policies", index, "l7"], text: "the policy looks at requests (paths, methods, headers): the simulation allows or denies the whole caller, at L7" });
    return { to: serviceName.get(policy.to.name)!, allowFrom, ...(policy.l7 ? { l7: true } : {}) };
  });
}

// --- internal ---

/**
 * Under strict mTLS the mesh refuses plaintext, so calls from outside it must come from something
 * meshed: the load generator gets a sidecar unless it already enters through the mesh's gateway.
 */
function meshTheClientUnderStrictMtls(document: Record<string, unknown>, comments: PlacedComment[]): void {
  const load = document.load as Record<string, unknown>;
  if (load.ingress === "gateway") return;
  const meshMode = (document.mesh as { mtls?: string } | undefined)?.mtls;
  const services = document.services as Array<{ name: string; mtls?: string }>;
  const entries = new Set((document.requestTypes as Array<{ entry?: string }>).map((type) => type.entry));
  const strict = services.filter((service) => entries.has(service.name) && (service.mtls ?? meshMode) === "strict");
  if (strict.length === 0) return;
  load.client = { meshed: true };
  comments.push({
    path: ["load", "client", "meshed"],
    text: `assumption: ${strict.map((service) => service.name).join(", ")} refuse${strict.length === 1 ? "s" : ""} plaintext under strict mTLS, so the load comes from a meshed client (set load.ingress: gateway if it enters through the mesh's ingress gateway)`,
  });
}
