/**
 * Istio PeerAuthentication (security.istio.io v1, v1beta1) as mTLS modes: one in the root namespace
 * without a selector sets the mesh's, one without a selector elsewhere its namespace's workloads'.
 * STRICT, PERMISSIVE and DISABLE map to strict, permissive and off; UNSET inherits. Per-workload
 * policies (a selector) and port-level modes are noted, not imported. Semantics from
 * istio.io/latest/docs/reference/config/security/peer_authentication/.
 */

import type { Manifest } from "../traffic/index.js";
import { labelsOf, sourceOf, type AccessFindings, type MtlsMode, type Workloads } from "./_access-policies.js";
import { get, namespaceOf } from "./_objects.js";
import { ISTIO_ROOT_NAMESPACE } from "./istio-authorization-policy.js";

const MODES: Record<string, MtlsMode> = { STRICT: "strict", PERMISSIVE: "permissive", DISABLE: "off" };

/**
 * Adds one PeerAuthentication's mTLS mode (or why it is not imported) to `findings`.
 * @example readIstioPeerAuthentication(manifest, workloads, findings) // findings.mtls[0]: { mode: "strict", from: "...: PeerAuthentication default" }
 */
export function readIstioPeerAuthentication(manifest: Manifest, workloads: Workloads, findings: AccessFindings): void {
  const source = sourceOf(manifest);
  const namespace = namespaceOf(manifest);
  const selector = labelsOf(get(manifest, ["spec", "selector", "matchLabels"]));
  const mode = String(get(manifest, ["spec", "mtls", "mode"]) ?? "UNSET");
  if (get(manifest, ["spec", "portLevelMtls"]) !== undefined) {
    findings.notImported.push(`${source}: portLevelMtls (a mode per port: the scenario's services have one port each); the policy's own mode is read`);
  }
  if (Object.keys(selector).length > 0) {
    findings.notImported.push(`${source}: mtls.mode ${mode} for the workloads its selector picks (per-workload modes are not imported; the mesh's or namespace's mode applies to them)`);
    return;
  }
  if (mode === "UNSET") return;
  const mapped = MODES[mode];
  if (mapped === undefined) {
    findings.notImported.push(`${source}: mtls.mode ${mode}, which Istio does not know (STRICT, PERMISSIVE, DISABLE, UNSET)`);
    return;
  }
  if (namespace === ISTIO_ROOT_NAMESPACE) findings.mtls.push({ mode: mapped, from: `${source} (mesh-wide, mtls.mode ${mode})` });
  else findings.mtls.push({ mode: mapped, targets: workloads.inNamespace(namespace), from: `${source} (namespace ${namespace}, mtls.mode ${mode})` });
}
