/**
 * Checks that a mesh can produce the telemetry a scenario asks of it: a mesh without trace spans
 * (Cilium) cannot sample requests, whatever the rate, and a run that asked for it would report a
 * cost the mesh never pays. Parts left at the mesh's default are never refused.
 */

import type { MeshProfile, TelemetryRequest } from "../model/index.js";
import { UnsupportedSettingError } from "../model/index.js";

/**
 * @throws UnsupportedSettingError naming the mesh and the part (`mesh.telemetry.tracing.sampling: 0.1`)
 *   when `request` turns on a part the profile's `telemetry.unsupported` names
 * @example checkTelemetrySupport(cilium, { tracing: { sampling: 0.1 } }) // throws: cilium cannot express mesh.telemetry.tracing.sampling: 0.1
 */
export function checkTelemetrySupport(profile: MeshProfile, request: TelemetryRequest | undefined): void {
  const unsupported = profile.telemetry?.unsupported;
  if (!request || !unsupported) return;
  if (request.metrics === true && unsupported.metrics) refuse(profile, "mesh.telemetry.metrics: true", unsupported.metrics);
  if (request.accessLogs === true && unsupported.accessLogs) refuse(profile, "mesh.telemetry.accessLogs: true", unsupported.accessLogs);
  const sampling = request.tracing?.sampling;
  if (sampling !== undefined && sampling > 0 && unsupported.tracing) refuse(profile, `mesh.telemetry.tracing.sampling: ${sampling}`, unsupported.tracing);
}

// --- internal ---

function refuse(profile: MeshProfile, feature: string, detail: string): never {
  throw new UnsupportedSettingError(profile.id, feature, detail);
}
