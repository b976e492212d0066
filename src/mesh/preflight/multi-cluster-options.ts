/**
 * How a mesh joins a scenario's clusters: its profile's mode (the scenario's choice or the
 * profile's default) with the gateway that mode passes and who balances over which clusters, and
 * the check that refuses, in one line, a mesh that cannot join clusters the way asked.
 */

import { gatewayProbeDetectionMs } from "./lost-cluster-detection.js";
import { UnsupportedSettingError, type ControlPlaneLayout, type MeshProfile, type MultiClusterOptions, type Topology } from "../model/index.js";

/** What a scenario asks of the meshes across clusters (`mesh.multiCluster`). */
export interface MultiClusterRequest {
  /** The mode per mesh id; a mesh left out gets its profile's default. */
  modes: Record<string, string>;
  controlPlane: ControlPlaneLayout;
}

/**
 * The run's multi-cluster facts; undefined without clusters, without a mesh, or when the mesh cannot
 * (checkMultiClusterSupport says why).
 * @example multiClusterOptions(istio, topology, { modes: {}, controlPlane: "multi-primary" })?.gateways // "destination"
 */
export function multiClusterOptions(profile: MeshProfile, topology: Topology, request: MultiClusterRequest | undefined): MultiClusterOptions | undefined {
  const profileModes = profile.multiCluster;
  if (!topology.cluster.zones?.clusters || !profileModes || profile.architecture === "none") return undefined;
  const modeName = request?.modes[profile.id] ?? profileModes.defaultMode;
  const mode = profileModes.modes[modeName];
  if (!mode) return undefined;
  const plane = profile.dataPlane ?? {};
  const gateway = mode.gateways === "none" ? undefined : mode.gatewayProxy === "proxy" ? plane.proxy : plane.gateway;
  return {
    mode: modeName,
    gateways: mode.gateways,
    ...(gateway ? { gateway } : {}),
    gatewayTerminatesTls: mode.gatewayTerminatesTls ?? false,
    endpoints: mode.endpoints,
    controlPlane: request?.controlPlane ?? "multi-primary",
    ...(mode.gatewayProbe ? { lostEndpointsAfterMs: gatewayProbeDetectionMs(mode.gatewayProbe) } : {}),
  };
}

/**
 * `able`: the ids of the meshes that can join clusters, for the error.
 * @throws UnsupportedSettingError naming the mesh when the topology has clusters and the mesh has no
 *   multi-cluster mode, not the mode asked, not the control-plane layout asked, or only L4 across clusters with mesh.l7
 */
export function checkMultiClusterSupport(profile: MeshProfile, topology: Topology, request: MultiClusterRequest | undefined, l7: boolean, able: readonly string[]): void {
  if (!topology.cluster.zones?.clusters || profile.architecture === "none") return;
  const profileModes = profile.multiCluster;
  if (!profileModes) {
    throw new UnsupportedSettingError(profile.id, "several clusters (clusters)", `it has no multi-cluster mode; meshes that can: ${able.join(", ")}`);
  }
  const modeName = request?.modes[profile.id] ?? profileModes.defaultMode;
  const mode = profileModes.modes[modeName];
  const known = Object.keys(profileModes.modes).join(", ");
  if (!mode) {
    const why = profileModes.refusedModes?.[modeName];
    throw new UnsupportedSettingError(profile.id, `multi-cluster mode ${modeName} (mesh.multiCluster.modes)`, `${why ? `${why}; ` : ""}its modes are ${known}`);
  }
  const layout = request?.controlPlane ?? "multi-primary";
  if (!profileModes.controlPlanes.includes(layout)) {
    throw new UnsupportedSettingError(profile.id, `control plane ${layout} (mesh.multiCluster.controlPlane)`, `it supports ${profileModes.controlPlanes.join(", ")}`);
  }
  if (mode.needsL4 && l7) {
    throw new UnsupportedSettingError(profile.id, `L7 features across clusters (mesh.l7 with multi-cluster mode ${modeName})`, "its multi-cluster mode carries L4 only; drop mesh.l7");
  }
  const plane = profile.dataPlane ?? {};
  if (mode.gateways !== "none" && !(mode.gatewayProxy === "proxy" ? plane.proxy : plane.gateway)) {
    throw new UnsupportedSettingError(profile.id, `multi-cluster mode ${modeName}`, `its profile has no dataPlane.${mode.gatewayProxy ?? "gateway"} to cost the gateway with`);
  }
}
