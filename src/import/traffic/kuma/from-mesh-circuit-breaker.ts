/**
 * Kuma MeshCircuitBreaker (kuma.io v1alpha1) to the circuit breaker and outlier detection of calls
 * to each service its `to[]` names. Fields from the policy's API (github.com/kumahq/kuma,
 * pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/meshcircuitbreaker.go) and how Kuma writes
 * them into Envoy (pkg/plugins/policies/meshcircuitbreaker/plugin/xds/configurer.go): each
 * connection limit given becomes the Envoy threshold of that name; outlier detection enforces only
 * the detectors given.
 */

import type { ManifestReader } from "../_manifest-reader.js";
import { readKumaPolicy, type ConvertedKumaPolicy } from "./_kuma-policy-reader.js";
import { readGoDuration, type ImportContext, type Policy } from "../_rule-parts.js";
import type { KumaSettings } from "./combine-kuma-policies.js";
import type { FieldPath, Manifest } from "../read-manifests.js";
import type { RawCircuitBreaker, RawOutlierDetection } from "../../../scenario/index.js";

/**
 * Converts one MeshCircuitBreaker into an entry per service it names (every service for `kind: Mesh`).
 * @throws ScenarioError naming the field for callers other than the whole mesh, destinations that
 *   are no service, and inbound limits (`from`, `rules`), which act at the callee's proxy
 * @example fromMeshCircuitBreaker(manifest, context).entries[0].settings.policy?.circuitBreaker?.value // { maxConnections: 2 }
 */
export function fromMeshCircuitBreaker(manifest: Manifest, context: ImportContext): ConvertedKumaPolicy {
  return readKumaPolicy(manifest, context, { readConf, inbound: { from: refuseInbound, rules: refuseInbound } });
}

// --- internal ---

const LIMITS: ReadonlyArray<keyof RawCircuitBreaker> = ["maxConnections", "maxPendingRequests", "maxRequests", "maxRetries"];

function readConf(reader: ManifestReader, path: FieldPath, value: unknown, destination: { host: string }): KumaSettings {
  const conf = reader.optionalObject(path, value, { read: ["connectionLimits", "outlierDetection"] });
  const policy: Policy = {};
  const limits = reader.optionalObject([...path, "connectionLimits"], conf?.connectionLimits, {
    read: LIMITS,
    ignore: { maxConnectionPools: "each client proxy keeps one pool per upstream service in the simulation" },
  });
  if (limits) {
    const breaker: RawCircuitBreaker = {};
    for (const key of LIMITS) {
      // maxConnections and maxRequests of 0 would refuse every call; the rule's schema wants at least 1.
      const minimum = key === "maxConnections" || key === "maxRequests" ? 1 : 0;
      const limit = reader.optionalNumber([...path, "connectionLimits", key], limits[key], { minimum, integer: true });
      if (limit !== undefined) breaker[key] = limit;
    }
    if (Object.keys(breaker).length > 0) policy.circuitBreaker = { value: breaker, notes: [] };
  }
  if (conf?.outlierDetection !== undefined && conf.outlierDetection !== null) {
    const notes: string[] = [];
    const detection = readOutlierDetection(reader, [...path, "outlierDetection"], conf.outlierDetection, notes, destination.host);
    policy.outlierDetection = { ...(detection ? { value: detection } : {}), notes };
  }
  return Object.keys(policy).length > 0 ? { policy } : {};
}

function readOutlierDetection(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[], host: string): RawOutlierDetection | undefined {
  const settings = reader.object(path, value, {
    read: ["disabled", "interval", "baseEjectionTime", "maxEjectionPercent", "detectors"],
    ignore: {
      splitExternalAndLocalErrors: "the simulation counts connection failures and timeouts with the 5xx",
      healthyPanicThreshold: "Envoy's panic mode (balancing over every replica once most are ejected) is not modelled",
    },
  });
  if (reader.optionalBoolean([...path, "disabled"], settings.disabled)) {
    notes.push(`outlier detection of ${host} is off (outlierDetection.disabled)`);
    return undefined;
  }
  const detectors = reader.optionalObject([...path, "detectors"], settings.detectors, {
    read: ["totalFailures", "gatewayFailures"],
    ignore: {
      localOriginFailures: "counted only with splitExternalAndLocalErrors; the simulation counts every failure together",
      successRate: "ejection by statistical success rate is not modelled; the simulation ejects after consecutive failures",
      failurePercentage: "ejection by failure percentage is not modelled; the simulation ejects after consecutive failures",
    },
  });
  const consecutive = (key: string): number | undefined => {
    const detector = reader.optionalObject([...path, "detectors", key], detectors?.[key], { read: ["consecutive"] });
    return reader.optionalNumber([...path, "detectors", key, "consecutive"], detector?.consecutive, { minimum: 1, integer: true });
  };
  const total = consecutive("totalFailures");
  const gateway = consecutive("gatewayFailures");
  // configurer.go enforces a consecutive detector only when its count is given.
  if (total === undefined && gateway === undefined) {
    notes.push(`outlier detection of ${host} ejects after no consecutive failures (neither detectors.totalFailures nor detectors.gatewayFailures sets a count)`);
    return undefined;
  }
  if (gateway !== undefined) notes.push(`gatewayFailures.consecutive ${gateway} counted as consecutive5xx: the simulation counts every 5xx, timeouts and resets alike`);
  const detection: RawOutlierDetection = { consecutive5xx: Math.min(...[total, gateway].filter((count): count is number => count !== undefined)) };
  const interval = readGoDuration(reader, [...path, "interval"], settings.interval);
  if (interval !== undefined && interval > 0) detection.intervalMs = interval;
  const ejection = readGoDuration(reader, [...path, "baseEjectionTime"], settings.baseEjectionTime);
  if (ejection !== undefined && ejection > 0) detection.baseEjectionMs = ejection;
  const percent = reader.optionalNumber([...path, "maxEjectionPercent"], settings.maxEjectionPercent, { minimum: 0, maximum: 100, integer: true });
  if (percent !== undefined) detection.maxEjectionPercent = percent;
  return detection;
}

function refuseInbound(reader: ManifestReader, path: FieldPath, value: unknown): void {
  if (reader.list(path, value).length > 0) {
    reader.fail(path, "limits calls at the callee's inbound proxy, which traffic rules (the callers' proxies) do not configure; write the limits in the scenario's traffic list");
  }
}
