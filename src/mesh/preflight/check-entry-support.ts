/**
 * Checks that a mesh has what a scenario's traffic needs: its own ingress gateway when traffic
 * enters through one, authorization policies when the scenario has some, and policies that can
 * look at HTTP requests when some are marked `l7: true`.
 */

import type { MeshProfile } from "../model/index.js";
import { UnsupportedSettingError } from "../model/index.js";

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
 * `l7Services`: the services whose policy is marked `l7: true`.
 * @throws UnsupportedSettingError naming the mesh when the scenario has authorization policies
 *   and the mesh cannot enforce them, or L7 policies and its policies cannot look at L7
 */
export function checkPolicySupport(profile: MeshProfile, hasPolicies: boolean, l7Services: readonly string[] = []): void {
  if (!hasPolicies || profile.architecture === "none") return;
  if ((profile.security?.authorization ?? "none") === "none") {
    throw new UnsupportedSettingError(profile.id, "authorization policies (policies)", "it has no authorization policy of its own");
  }
  if (l7Services.length === 0) return;
  const where = profile.security?.l7Policy ?? "none";
  if (where === "proxy" || (where === "l7Proxy" && profile.dataPlane?.l7Proxy)) return;
  throw new UnsupportedSettingError(
    profile.id,
    `L7 policies (policies with l7: true, on ${l7Services.join(", ")})`,
    "its policies cannot look at HTTP requests or Kafka topics; drop l7: true to enforce them by caller alone",
  );
}
