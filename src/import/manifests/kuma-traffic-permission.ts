/**
 * Kuma MeshTrafficPermission (kuma.io v1alpha1) as grants: for each workload of the manifests, the
 * most precise `from[].targetRef` that matches it (Mesh, then MeshSubset, then MeshService, then
 * MeshServiceSubset) decides, and Allow or AllowWithShadowDeny lets it call the workloads
 * `spec.targetRef` picks (kuma.io/docs/latest/policies/meshtrafficpermission/, and "Merging
 * configuration" in kuma.io/docs/latest/policies/introduction/). Kuma's permissions are L4 only.
 * Callers no entry matches are denied, as Kuma denies them with mTLS on: Kuma creates no default
 * MeshTrafficPermission with a mesh (github.com/kumahq/kuma, pkg/defaults/mesh/mesh.go creates only
 * MeshTimeout, MeshCircuitBreaker and MeshRetry defaults), and since 2.6 no legacy allow-all
 * TrafficPermission either (its UPGRADE.md). An allow-all permission applied outside the manifests
 * would let them in, so the notice says so. MeshTrafficPermission acts only with mTLS on
 * (developer.konghq.com/mesh/meshtrafficpermission), which the import takes as given.
 */

import type { Manifest } from "../traffic/index.js";
import { labelsOf, LOAD_GENERATOR, sourceOf, type AccessFindings, type Caller, type Workloads } from "./_access-policies.js";
import { get, isObject, list } from "./_objects.js";
import type { DeployedWorkload } from "./deployment-shape.js";

/**
 * Adds one MeshTrafficPermission's grant (or why it is not imported) to `findings`.
 * @example readKumaTrafficPermission(manifest, workloads, findings) // findings.grants[0].callers: [web]
 */
export function readKumaTrafficPermission(manifest: Manifest, workloads: Workloads, findings: AccessFindings): void {
  const source = sourceOf(manifest);
  const target = get(manifest, ["spec", "targetRef"]);
  const targets = isObject(target) ? matching(target, workloads) : [...workloads.all];
  if (targets === undefined) {
    findings.notImported.push(`${source}: spec.targetRef kind ${String((target as Record<string, unknown>).kind)} (the import reads Mesh, MeshService, MeshSubset, MeshServiceSubset and Dataplane); not imported`);
    return;
  }
  if (targets.length === 0) {
    findings.notices.push(`${source}: spec.targetRef picks no workload of the manifests, skipped`);
    return;
  }
  if (get(manifest, ["spec", "rules"]) !== undefined) {
    findings.unmapped.push({ targets, why: `${source}: spec.rules (matches by SPIFFE ID; the import reads spec.from)` });
    return;
  }
  const entries: Array<{ rank: number; matches: Caller[]; allow: boolean }> = [];
  for (const [index, entry] of list(manifest, ["spec", "from"]).entries()) {
    if (!isObject(entry) || !isObject(entry.targetRef)) continue;
    const action = isObject(entry.default) ? String(entry.default.action ?? "") : "";
    if (!["Allow", "Deny", "AllowWithShadowDeny"].includes(action)) {
      findings.unmapped.push({ targets, why: `${source}: spec.from[${index}].default.action ${action || "(none)"} (Kuma's are Allow, Deny and AllowWithShadowDeny)` });
      return;
    }
    const kind = String(entry.targetRef.kind);
    const found = matching(entry.targetRef, workloads);
    if (found === undefined) {
      findings.unmapped.push({ targets, why: `${source}: spec.from[${index}].targetRef kind ${kind} (the import reads Mesh, MeshService, MeshSubset and MeshServiceSubset)` });
      return;
    }
    // The load generator is in the mesh only as what a Mesh-wide entry covers (its gateway has no workload here).
    const matches: Caller[] = kind === "Mesh" ? [...found, LOAD_GENERATOR] : found;
    entries.push({ rank: RANK[kind] ?? 0, matches, allow: action !== "Deny" });
  }
  const callers: Caller[] = [];
  for (const caller of [...workloads.all, LOAD_GENERATOR] as Caller[]) {
    const decisive = entries.filter((entry) => entry.matches.includes(caller)).sort((a, b) => b.rank - a.rank)[0];
    if (decisive?.allow) callers.push(caller);
  }
  if (!entries.some((entry) => entry.rank === RANK.Mesh)) findings.notices.push(`${source}: callers no from entry matches are taken as denied, as Kuma denies them with mTLS on (Kuma creates no default allow-all permission; one applied outside the manifests would let them in)`);
  const everyone = callers.length === workloads.all.length + 1;
  findings.grants.push({ targets, callers: everyone ? "everyone" : callers, l7: false, source });
}

// --- internal ---

/** Kuma's order of precision for targetRef kinds: the highest that matches a caller wins. */
const RANK: Record<string, number> = { Mesh: 1, MeshSubset: 2, MeshService: 3, MeshServiceSubset: 4, Dataplane: 5 };

/** The workloads a targetRef picks; undefined for kinds not read. */
function matching(ref: Record<string, unknown>, workloads: Workloads): DeployedWorkload[] | undefined {
  const kind = String(ref.kind);
  const tags = labelsOf(ref.tags);
  const byTags = (candidates: readonly DeployedWorkload[]): DeployedWorkload[] => {
    const service = tags["kuma.io/service"];
    const rest = Object.fromEntries(Object.entries(tags).filter(([key]) => key !== "kuma.io/service"));
    const named = service === undefined ? candidates : candidates.filter((workload) => namedAs(workload, service));
    return named.filter((workload) => Object.entries(rest).every(([key, value]) => workload.podLabels[key] === value));
  };
  if (kind === "Mesh") return [...workloads.all];
  if (kind === "MeshSubset") return byTags(workloads.all);
  if (kind === "MeshService" || kind === "MeshServiceSubset") {
    const name = String(ref.name ?? "");
    const services = workloads.all.filter((workload) => namedAs(workload, name));
    return kind === "MeshService" ? services : byTags(services);
  }
  if (kind === "Dataplane") return workloads.withLabels(labelsOf(ref.labels));
  return undefined;
}

/** Kuma names a Kubernetes service `<name>_<namespace>_svc_<port>` in kuma.io/service, or `<name>` as a MeshService. */
function namedAs(workload: DeployedWorkload, name: string): boolean {
  const tagged = /^(.+)_([^_]+)_svc_\d+$/.exec(name);
  if (tagged) return workload.namespace === tagged[2] && workload.aliases.includes(tagged[1]);
  return workload.aliases.includes(name);
}
