/**
 * The meshes' security resources among the manifests, read into the deployment shape: who may call
 * each workload (the scenario's `policies`, one allow list per protected service) and the mTLS mode
 * (`mesh.mtls`, or a service's own `mtls`). A workload some policy protects in a way an allow list
 * cannot say gets no policy at all, so the simulation never denies a call the mesh would allow.
 */

import type { Manifest } from "../traffic/index.js";
import { createFindings, LOAD_GENERATOR, Workloads, type AccessFindings, type Caller, type MtlsMode } from "./_access-policies.js";
import { readCiliumNetworkPolicy } from "./cilium-network-policy.js";
import { readConsulServiceIntentions } from "./consul-service-intentions.js";
import type { DeployedWorkload, DeploymentShape } from "./deployment-shape.js";
import { readIstioAuthorizationPolicy } from "./istio-authorization-policy.js";
import { readIstioPeerAuthentication } from "./istio-peer-authentication.js";
import { readKumaTrafficPermission } from "./kuma-traffic-permission.js";
import { LINKERD_POLICY_KINDS, readLinkerdAuthorization } from "./linkerd-authorization.js";

/** Whether the deployment import reads `manifest` here (its kind is then not listed as skipped). */
export function isAccessResource(manifest: Manifest): boolean {
  if (manifest.group === "policy.linkerd.io") return LINKERD_POLICY_KINDS.includes(manifest.kind) || manifest.kind === "ServerAuthorization";
  return Object.hasOwn(READERS, `${manifest.group}/${manifest.kind}`);
}

/**
 * Reads the security resources of `manifests` into `shape.policies`, `shape.mtls` and the workloads'
 * own `mtls`, with what was not imported and why.
 * @example readAccessPolicies(manifests, shape); shape.policies?.[0].allowFrom // [productpage workload]
 */
export function readAccessPolicies(manifests: readonly Manifest[], shape: DeploymentShape): void {
  const resources = manifests.filter(isAccessResource);
  if (resources.length === 0) return;
  const workloads = new Workloads(shape.workloads);
  const findings = createFindings();
  for (const manifest of resources) {
    const read = READERS[`${manifest.group}/${manifest.kind}`];
    if (read) read(manifest, workloads, findings);
    else if (manifest.kind === "ServerAuthorization") findings.notImported.push(`${manifest.file}: ServerAuthorization ${manifest.name} (deprecated by Linkerd for AuthorizationPolicy; not read)`);
  }
  readLinkerdAuthorization(
    manifests.filter((manifest) => manifest.group === "policy.linkerd.io" || (manifest.kind === "HTTPRoute" && manifest.group === "gateway.networking.k8s.io")),
    workloads,
    findings,
  );
  shape.notImported.push(...findings.notImported);
  shape.notices.push(...findings.notices);
  const policies = combineGrants(findings, shape);
  if (policies.length > 0) shape.policies = policies;
  applyMtls(findings, shape);
}

// --- internal ---

type Reader = (manifest: Manifest, workloads: Workloads, findings: AccessFindings) => void;

/** Readers of one object each, by API group and kind (Linkerd's resources are read together). */
const READERS: Record<string, Reader> = {
  "security.istio.io/AuthorizationPolicy": readIstioAuthorizationPolicy,
  "security.istio.io/PeerAuthentication": readIstioPeerAuthentication,
  "consul.hashicorp.com/ServiceIntentions": readConsulServiceIntentions,
  "kuma.io/MeshTrafficPermission": readKumaTrafficPermission,
  "cilium.io/CiliumNetworkPolicy": readCiliumNetworkPolicy,
  "cilium.io/CiliumClusterwideNetworkPolicy": readCiliumNetworkPolicy,
};

/** One allow list per protected workload: the union of its grants, unless one lets everyone in or a policy could not be read. */
function combineGrants(findings: AccessFindings, shape: DeploymentShape): NonNullable<DeploymentShape["policies"]> {
  const unmapped = new Set<DeployedWorkload>();
  for (const { targets, why } of findings.unmapped) {
    shape.notImported.push(`${why}: not imported, so ${targets.map((target) => target.name).join(", ")} get${targets.length === 1 ? "s" : ""} no policy (every caller allowed)`);
    for (const target of targets) unmapped.add(target);
  }
  const policies: NonNullable<DeploymentShape["policies"]> = [];
  for (const workload of shape.workloads) {
    const grants = findings.grants.filter((grant) => grant.targets.includes(workload));
    if (grants.length === 0 || unmapped.has(workload)) continue;
    const open = grants.filter((grant) => grant.callers === "everyone");
    if (open.length > 0) {
      shape.notices.push(`${workload.name}: ${open.map((grant) => grant.source).join(", ")} let${open.length === 1 ? "s" : ""} every caller in, so it gets no policy`);
      continue;
    }
    const allowed = new Set(grants.flatMap((grant) => grant.callers as Caller[]));
    // The manifests' order, the load generator last: the same input always writes the same list.
    const allowFrom: Caller[] = [...shape.workloads.filter((candidate) => allowed.has(candidate)), ...(allowed.has(LOAD_GENERATOR) ? [LOAD_GENERATOR] : [])];
    policies.push({ to: workload, allowFrom, l7: grants.some((grant) => grant.l7), from: grants.map((grant) => grant.source) });
  }
  return policies;
}

/**
 * The mesh-wide mode (the first one: Istio honours one mesh-wide PeerAuthentication), and namespace
 * modes as services' own where they differ; a namespace mode covering every workload is the mesh's.
 */
function applyMtls(findings: AccessFindings, shape: DeploymentShape): void {
  const meshWide = findings.mtls.filter((entry) => entry.targets === undefined);
  for (const extra of meshWide.slice(1)) shape.notImported.push(`${extra.from}: a second mesh-wide mTLS mode; the first, ${meshWide[0].from}, is used`);
  let mesh: { mode: MtlsMode; from: string } | undefined = meshWide[0];
  const scoped = findings.mtls.filter((entry) => entry.targets !== undefined && entry.targets.length > 0);
  if (!mesh && scoped.length === 1 && scoped[0].targets!.length === shape.workloads.length) mesh = scoped[0];
  if (mesh) shape.mtls = { mode: mesh.mode, from: mesh.from };
  for (const entry of scoped) {
    if (entry === mesh) continue;
    for (const workload of entry.targets!) {
      if (workload.mtls) {
        shape.notImported.push(`${entry.from}: ${workload.name} already has mTLS ${workload.mtls.mode} from ${workload.mtls.from}`);
        continue;
      }
      if (entry.mode !== mesh?.mode) workload.mtls = { mode: entry.mode, from: entry.from };
    }
  }
}
