/**
 * Consul ServiceIntentions (consul.hashicorp.com v1alpha1) as grants: sources with `action: allow`
 * (or L7 `permissions`, which make the policy an L7 one) may call the destination. Callers Consul
 * knows by service name: the workload's name or a Service selecting it. Semantics from
 * developer.hashicorp.com/consul/docs/reference/config-entry/service-intentions: the most precise
 * source wins (a name before `*`); an unlisted caller gets the default intention, which follows the
 * ACL default policy (deny in consul-k8s with manageSystemACLs, allow without ACLs), taken as deny
 * and noted unless a `*` source says.
 */

import type { Manifest } from "../traffic/index.js";
import { LOAD_GENERATOR, sourceOf, type AccessFindings, type Caller, type Workloads } from "./_access-policies.js";
import { get, isObject, list } from "./_objects.js";

/**
 * Adds one ServiceIntentions' grant (or why it is not imported) to `findings`.
 * @example readConsulServiceIntentions(manifest, workloads, findings) // findings.grants[0].callers: [web]
 */
export function readConsulServiceIntentions(manifest: Manifest, workloads: Workloads, findings: AccessFindings): void {
  const source = sourceOf(manifest);
  const destination = String(get(manifest, ["spec", "destination", "name"]) ?? "");
  const targets = destination === "*" ? [...workloads.all] : workloads.named(destination);
  if (targets.length === 0) {
    findings.notices.push(`${source}: destination ${destination || "(none)"} is no workload of the manifests, skipped`);
    return;
  }
  const callers: Caller[] = [];
  let wildcard: "allow" | "deny" | undefined;
  let l7 = false;
  const denied: string[] = [];
  for (const [index, entry] of list(manifest, ["spec", "sources"]).entries()) {
    if (!isObject(entry)) continue;
    const name = String(entry.name ?? "");
    if (entry.peer !== undefined || entry.samenessGroup !== undefined || entry.partition !== undefined) {
      findings.notices.push(`${source}: spec.sources[${index}] is a caller in another cluster, peer or partition, which the scenario does not hold; left out`);
      continue;
    }
    const allowed = sourceAllowed(manifest, index, entry);
    if (list(manifest, ["spec", "sources", index, "permissions"]).length > 0) l7 = true;
    if (name === "*") {
      wildcard = allowed ? "allow" : "deny";
      continue;
    }
    if (!allowed) {
      denied.push(name);
      continue;
    }
    const found = workloads.named(name);
    // Calls from outside the mesh enter through Consul's ingress or API gateway, named as a source.
    const callersOfName: Caller[] = found.length > 0 ? found : /gateway/.test(name) ? [LOAD_GENERATOR] : [];
    if (callersOfName.length === 0) findings.notices.push(`${source}: source ${name} is no workload of the manifests: no caller of the scenario has it`);
    for (const caller of callersOfName) if (!callers.includes(caller)) callers.push(caller);
  }
  if (wildcard === "allow") {
    if (denied.length > 0) {
      findings.unmapped.push({ targets, why: `${source}: allows every caller but ${denied.join(", ")}, which an allow list of the manifests' workloads cannot say for callers outside them` });
    } else {
      findings.grants.push({ targets, callers: "everyone", l7, source });
    }
    return;
  }
  if (wildcard === undefined) findings.notices.push(`${source}: callers it does not list get Consul's default intention (the ACL default policy); taken as deny`);
  findings.grants.push({ targets, callers, l7, source });
}

/** Whether the intention's source at `index` (`entry`) may call: by its action, or, with L7 permissions, when any of them allows. */
export function sourceAllowed(manifest: Manifest, index: number, entry: Record<string, unknown>): boolean {
  const permissions = list(manifest, ["spec", "sources", index, "permissions"]);
  return permissions.length > 0 ? permissions.some((permission) => isObject(permission) && permission.action === "allow") : entry.action === "allow";
}
