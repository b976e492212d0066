/**
 * Warnings that explain what mTLS did to a run: requests refused because plaintext reached a
 * strict server, with what this mesh offers instead, and what happens to kubelet's probes.
 */

import type { MeshProfile } from "../mesh/index.js";
import type { RunSummary } from "./summarize-run.js";

/** Reason name of refused plaintext (FAILURE_REASONS). */
const REFUSED = "mtls-plaintext-refused";

/**
 * The run's security warnings, given the mesh's profile and mode.
 * @example securityWarnings(run, istioProfile) // ["1,204 requests failed: plaintext ... refused ..."]
 */
export function securityWarnings(run: RunSummary, profile: MeshProfile): string[] {
  const warnings: string[] = [];
  const refused = run.requests.failedByReason[REFUSED] ?? 0;
  if (refused > 0) {
    const security = profile.security;
    const options = ["mesh the client (load.client.meshed, or meshed: true on the calling service)"];
    if (security?.mtlsModes.includes("permissive")) {
      options.push(security.mtlsPerService ? "set mtls: permissive on the called service" : "run the mesh in permissive mode");
    }
    const gateway = profile.features?.ingressGateway;
    if (gateway === true || (typeof gateway === "string" && !/^(none|any|no)\b/i.test(gateway))) {
      options.push(`enter through ${profile.id}'s ingress gateway`);
    }
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
  return warnings;
}
