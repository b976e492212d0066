/**
 * Warnings that explain what mTLS did to a run: requests refused because plaintext reached a
 * strict server, with what this mesh offers instead, what happens to kubelet's probes, and
 * mutual authentication that encrypts nothing (Cilium without WireGuard or IPsec).
 */

import { supportedFeatures, type MeshProfile, type NodeEncryption } from "../../mesh/index.js";
import type { RunSummary } from "../results/index.js";

/** What the run asked of the mesh's transport security beyond the mode in the summary. */
export interface SecurityContext {
  /** Some service runs in strict mTLS (the run's mode, or a service's own). */
  strict: boolean;
  encryption: NodeEncryption;
}

/** Reason name of refused plaintext (FAILURE_REASONS). */
const REFUSED = "mtls-plaintext-refused";

/**
 * The run's security warnings, given the mesh's profile and mode.
 * @example securityWarnings(run, istioProfile, { strict: true, encryption: "none" }) // ["1,204 requests failed: plaintext ... refused ..."]
 */
export function securityWarnings(run: RunSummary, profile: MeshProfile, context: SecurityContext): string[] {
  const warnings: string[] = [];
  const refused = run.requests.failedByReason[REFUSED] ?? 0;
  if (refused > 0) {
    const security = profile.security;
    const options = ["mesh the client (load.client.meshed, or meshed: true on the calling service)"];
    if (security?.mtlsModes.includes("permissive")) {
      options.push(security.mtlsPerService ? "set mtls: permissive on the called service" : "run the mesh in permissive mode");
    }
    // Only a gateway a run can use (load.ingress: gateway), as `meshsim meshes` says.
    if (supportedFeatures(profile).ingressGateway) options.push(`enter through ${profile.id}'s ingress gateway (load.ingress: gateway)`);
    warnings.push(
      `${refused.toLocaleString("en-US")} requests failed (${REFUSED}): plaintext from an unmeshed client reached a service ` +
        `in strict mTLS under ${profile.id}, which refuses it. Options: ${options.join("; ")}`,
    );
  }
  const denied = run.requests.failedByReason["denied-by-policy"] ?? 0;
  if (denied > 0) {
    const how = profile.security?.authorization === "labels" ? "by the caller's labels" : "by the caller's mTLS identity (a plaintext caller has none)";
    warnings.push(
      `${denied.toLocaleString("en-US")} requests failed (denied-by-policy): a service's policy does not allow the caller, checked ${how} under ${profile.id}`,
    );
  }
  if (run.mtls === "strict" && profile.security?.probesUnderStrict) {
    warnings.push(`kubelet health probes under strict mTLS in ${profile.id}: ${profile.security.probesUnderStrict}`);
  }
  // Where encryption is its own opt-in, strict mTLS authenticates the peers and no more.
  if (context.strict && context.encryption === "none" && profile.architecture === "ebpf" && profile.security?.transparentEncryption) {
    warnings.push("mutual authentication without encryption: traffic between nodes is in clear text; set mesh.encryption");
  }
  return warnings;
}
