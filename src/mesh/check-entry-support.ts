/**
 * Checks that a mesh has what a scenario's traffic needs: its own ingress gateway when traffic
 * enters through one, authorization policies when the scenario has some.
 */

import type { MeshProfile } from "./mesh-profile.js";
import { UnsupportedSettingError } from "./unsupported-setting-error.js";

/**
 * @throws UnsupportedSettingError naming the mesh when it has no gateway of its own
 */
export function checkIngressSupport(profile: MeshProfile, ingress: "direct" | "gateway"): void {
  if (ingress === "direct" || profile.architecture === "none" || profile.dataPlane?.gateway) return;
  throw new UnsupportedSettingError(
    profile.id,
    "an ingress gateway (load.ingress: gateway)",
    "it has none of its own; mesh your ingress controller instead, as a meshed client (load.client.meshed: true)",
  );
}

/**
 * @throws UnsupportedSettingError naming the mesh when the scenario has authorization policies
 *   and the mesh cannot enforce them
 */
export function checkPolicySupport(profile: MeshProfile, hasPolicies: boolean): void {
  if (!hasPolicies || profile.architecture === "none") return;
  if ((profile.security?.authorization ?? "none") !== "none") return;
  throw new UnsupportedSettingError(profile.id, "authorization policies (policies)", "it has no authorization policy of its own");
}
