/**
 * Checks that a mesh has an ingress gateway of its own when a run sends its traffic through one.
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
