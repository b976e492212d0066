/**
 * What a mesh can express, as the run's own checks answer it: the feature matrix of
 * `meshsim meshes` is read from here, so it cannot say a mesh has something (an ingress gateway,
 * retries, a per-service mTLS mode) that `meshsim run` then refuses.
 */

import type { MeshProfile, TrafficFeature } from "../model/index.js";
import { UnsupportedSettingError } from "../model/index.js";
import { checkIngressSupport, checkPolicySupport } from "./check-entry-support.js";
import { checkEncryptionSupport } from "./node-encryption.js";

/** The features a run checks, by the names the profiles' `features` notes use where they have one. */
export const SIMULATED_FEATURES = [
  "mtls",
  "mtlsPerService",
  "authorizationPolicy",
  "l7Policy",
  "ingressGateway",
  "trafficSplit",
  "headerRouting",
  "retries",
  "retryBudget",
  "timeouts",
  "circuitBreaking",
  "outlierDetection",
  "rateLimit",
  "faultInjectionAbort",
  "faultInjectionDelay",
  "loadBalancing",
  "nodeEncryption",
  "multiCluster",
] as const;
export type SimulatedFeature = (typeof SIMULATED_FEATURES)[number];

/** The scenario field or flag that asks for each feature, for the matrix and its notes. */
export const FEATURE_SETTINGS: Record<SimulatedFeature, string> = {
  mtls: "--mtls strict",
  mtlsPerService: "services[].mtls",
  authorizationPolicy: "policies",
  l7Policy: "policies[].l7: true",
  ingressGateway: "load.ingress: gateway",
  trafficSplit: "traffic routes[].backends",
  headerRouting: "traffic routes[].match.headers",
  retries: "traffic routes[].retries",
  retryBudget: "traffic retryBudget",
  timeouts: "traffic routes[].timeoutMs",
  circuitBreaking: "traffic circuitBreaker",
  outlierDetection: "traffic outlierDetection",
  rateLimit: "traffic rateLimit",
  faultInjectionAbort: "traffic routes[].fault.abort",
  faultInjectionDelay: "traffic routes[].fault.delay",
  loadBalancing: "traffic loadBalancer",
  nodeEncryption: "mesh.encryption",
  multiCluster: "clusters",
};

const TRAFFIC_FEATURES: Partial<Record<SimulatedFeature, TrafficFeature>> = {
  trafficSplit: "split",
  headerRouting: "headerRouting",
  retries: "retries",
  retryBudget: "retryBudget",
  timeouts: "timeouts",
  circuitBreaking: "circuitBreaking",
  outlierDetection: "outlierDetection",
  rateLimit: "rateLimit",
  faultInjectionAbort: "faultAbort",
  faultInjectionDelay: "faultDelay",
};

/**
 * Whether a run under `profile` accepts each simulated feature (the baseline, no mesh, has none).
 * @example supportedFeatures(loadMeshProfile("osm")).ingressGateway // false
 */
export function supportedFeatures(profile: MeshProfile): Record<SimulatedFeature, boolean> {
  const meshed = profile.architecture !== "none";
  const modes = profile.security?.mtlsModes ?? ["off"];
  const supported = {} as Record<SimulatedFeature, boolean>;
  for (const feature of SIMULATED_FEATURES) {
    const traffic = TRAFFIC_FEATURES[feature];
    supported[feature] = meshed && (traffic !== undefined ? profile.traffic?.supports[traffic] === true : otherFeature(profile, feature, modes));
  }
  return supported;
}

// --- internal ---

function otherFeature(profile: MeshProfile, feature: SimulatedFeature, modes: string[]): boolean {
  switch (feature) {
    case "mtls":
      return modes.some((mode) => mode !== "off");
    case "mtlsPerService":
      return profile.security?.mtlsPerService === true && modes.length > 1;
    case "authorizationPolicy":
      return accepts(() => checkPolicySupport(profile, true));
    case "l7Policy":
      return accepts(() => checkPolicySupport(profile, true, ["any"]));
    case "ingressGateway":
      return accepts(() => checkIngressSupport(profile, "gateway"));
    case "loadBalancing":
      return (profile.traffic?.loadBalancers.length ?? 0) > 0;
    case "nodeEncryption":
      return accepts(() => checkEncryptionSupport(profile, "wireguard")) || accepts(() => checkEncryptionSupport(profile, "ipsec"));
    case "multiCluster":
      // As checkMultiClusterSupport asks of a scenario with clusters and no mode named: the default mode.
      return profile.multiCluster !== undefined && profile.multiCluster.modes[profile.multiCluster.defaultMode] !== undefined;
    default:
      return false;
  }
}

/** Whether a check lets the setting through (the same check a run makes). */
function accepts(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof UnsupportedSettingError) return false;
    throw error;
  }
}
