/**
 * Consul's service intentions as `mesh.proxyScope`. Under transparent proxy (consul-k8s's default)
 * Consul works out each sidecar's upstreams from the intentions: a sidecar is configured for every
 * service whose intentions let its workload call it (HashiCorp, "Transparent proxy overview"). Under
 * a default deny, stated by an intention from `*` to `*` that denies, that is the services naming
 * the workload one by one, which the scenario says as each sidecar configured for the services its
 * workload calls; so it is imported then. An intention that allows every caller (a `*` source) puts
 * its service in every sidecar, and without the stated default deny the ACL default policy decides,
 * which manifests do not show (allow without ACLs: every sidecar gets the whole mesh).
 */

import type { Manifest } from "../traffic/index.js";
import { sourceOf } from "./_access-policies.js";
import { get, isObject, list } from "./_objects.js";
import { sourceAllowed } from "./consul-service-intentions.js";
import type { DeploymentShape } from "./deployment-shape.js";

/** Whether `manifest` is a Consul ServiceIntentions. */
export function isConsulServiceIntentions(manifest: Manifest): boolean {
  return manifest.group === "consul.hashicorp.com" && manifest.kind === "ServiceIntentions";
}

/**
 * Sets `shape.proxyScope` when the ServiceIntentions among `manifests` deny by default and allow
 * callers by name only, or says in `shape.notImported` why they leave each sidecar configured for more.
 * @example readConsulIntentionScope(manifests, shape); shape.proxyScope?.from // ["k8s.yaml: ServiceIntentions deny-all", ...]
 */
export function readConsulIntentionScope(manifests: readonly Manifest[], shape: DeploymentShape): void {
  const intentions = manifests.filter(isConsulServiceIntentions);
  if (intentions.length === 0) return;
  const enrolled = shape.workloads.some((workload) => workload.mesh?.id === "consul");
  if (!enrolled) {
    shape.notImported.push(`${intentions.length} Consul ServiceIntentions, but no workload is enrolled in Consul; mesh.proxyScope is left out`);
    return;
  }
  const defaultDeny = intentions.find((intention) => destinationOf(intention) === "*" && wildcardSource(intention) === "deny");
  const openToAll = intentions.filter((intention) => wildcardSource(intention) === "allow");
  if (defaultDeny !== undefined && openToAll.length === 0) {
    shape.proxyScope = { scope: "callees", from: [...(shape.proxyScope?.from ?? []), ...intentions.map(sourceOf)] };
    return;
  }
  const why =
    openToAll.length > 0
      ? `${openToAll.map(sourceOf).join(", ")} allow${openToAll.length === 1 ? "s" : ""} every caller, so every sidecar is configured for ${openToAll.length === 1 ? "its service" : "their services"}`
      : "none denies from * to * by default, so the ACL default policy decides what each sidecar is configured for (everything without ACLs)";
  shape.notImported.push(
    `Consul ServiceIntentions scope each sidecar to the services that allow its workload only under a default deny with callers named one by one: ${why}; mesh.proxyScope is left at mesh (every sidecar configured for every service); set it to callees if each workload is allowed what it calls`,
  );
}

// --- internal ---

function destinationOf(intention: Manifest): string {
  return String(get(intention, ["spec", "destination", "name"]) ?? "");
}

/** What the intention's `*` source does (an L7 one allows when any permission allows); undefined without one. */
function wildcardSource(intention: Manifest): "allow" | "deny" | undefined {
  for (const [index, entry] of list(intention, ["spec", "sources"]).entries()) {
    if (!isObject(entry) || entry.name !== "*") continue;
    return sourceAllowed(intention, index, entry) ? "allow" : "deny";
  }
  return undefined;
}
