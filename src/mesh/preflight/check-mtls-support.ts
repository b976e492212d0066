/**
 * Checks that a mesh can express the mTLS modes a run asks of it, run-wide and per service,
 * following the profile's `security` block (SOURCES.md section 2).
 */

import type { MeshProfile, MtlsMode } from "../model/index.js";
import type { Service } from "../model/index.js";
import { UnsupportedSettingError } from "../model/index.js";

/**
 * Throws unless `profile` supports mode `mode` and every service's own mode.
 * @throws UnsupportedSettingError naming the mesh and the mode or per-service setting
 */
export function checkMtlsSupport(profile: MeshProfile, mode: MtlsMode, services: Service[]): void {
  if (profile.architecture === "none") return;
  const modes = profile.security?.mtlsModes ?? ["off"];
  const supported = `it supports ${modes.join(", ")}`;
  if (!modes.includes(mode)) throw new UnsupportedSettingError(profile.id, `mTLS ${mode}`, supported);
  for (const service of services) {
    if (service.mtls === undefined || service.mtls === mode) continue;
    if (!profile.security?.mtlsPerService) {
      throw new UnsupportedSettingError(profile.id, `a per-service mTLS mode (services.${service.name}.mtls: ${service.mtls})`, "its mTLS mode is mesh-wide");
    }
    if (!modes.includes(service.mtls)) {
      throw new UnsupportedSettingError(profile.id, `mTLS ${service.mtls} (services.${service.name}.mtls)`, supported);
    }
  }
}
