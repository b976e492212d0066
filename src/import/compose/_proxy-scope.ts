/**
 * `mesh.proxyScope` of an imported scenario, from the Istio Sidecar resources among the manifests,
 * with its comment.
 */

import type { DeploymentShape } from "../manifests/index.js";
import type { PlacedComment } from "./placed-comment.js";

/** Adds `mesh.proxyScope` to the document when the manifests scope every sidecar. */
export function addProxyScope(document: Record<string, unknown>, shape: DeploymentShape | undefined, comments: PlacedComment[]): void {
  if (!shape?.proxyScope) return;
  document.mesh = { ...((document.mesh as Record<string, unknown> | undefined) ?? {}), proxyScope: shape.proxyScope.scope };
  comments.push({
    path: ["mesh", "proxyScope"],
    text: `from ${shape.proxyScope.from.join(", ")}: they name the services each workload reaches; each sidecar is configured for the services its workload calls here`,
  });
}
