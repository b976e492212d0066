/**
 * Consul ServiceDefaults (consul.hashicorp.com v1alpha1): the limits and passive health checks its
 * `upstreamConfig.overrides` set on the service's calls to each named upstream, as circuit breaker
 * and outlier detection policies of that upstream's rule. Fields from the service defaults reference
 * (developer.hashicorp.com/consul/docs/reference/config-entry/service-defaults) and the Envoy settings
 * Consul makes of them (hashicorp/consul agent/xds makeThresholdsIfNeeded, agent/xds/config.go
 * ToOutlierDetection).
 */

import { ManifestReader } from "../_manifest-reader.js";
import { readGoDuration, type Policy } from "../_rule-parts.js";
import { shortHostName } from "../host-names.js";
import type { FieldPath, Manifest } from "../read-manifests.js";
import type { RawCircuitBreaker, RawOutlierDetection } from "../../../scenario/index.js";

/** The policies one ServiceDefaults sets on its service's calls to one upstream. */
export interface UpstreamPolicy {
  host: string;
  hostPath: FieldPath;
  policy: Policy;
}

export interface ReadServiceDefaults {
  reader: ManifestReader;
  /** The service whose calls the overrides configure (metadata.name). */
  service: string;
  upstreams: UpstreamPolicy[];
}

/**
 * Reads one ServiceDefaults.
 * @throws ScenarioError naming the field for what a rule cannot express: limits or health checks in
 *   upstreamConfig.defaults (every upstream of the service, which the manifests do not list), Envoy
 *   escape hatches and extensions, a local request timeout, Consul Enterprise's rate limits
 * @example readServiceDefaults(manifest, names).upstreams[0].policy.circuitBreaker?.value // { maxConnections: 100 }
 */
export function readServiceDefaults(manifest: Manifest, serviceNames: ReadonlySet<string>): ReadServiceDefaults {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  reader.readMetadata();
  const service = reader.string(["metadata", "name"], (manifest.value.metadata as { name?: unknown } | undefined)?.name);
  const spec =
    reader.optionalObject(["spec"], manifest.value.spec, {
      read: ["upstreamConfig"],
      ignore: {
        protocol: "the scenario's services declare their protocols",
        mode: "",
        transparentProxy: "",
        mutualTLSMode: "mTLS follows the scenario's mesh.mtls",
        meshGateway: "",
        expose: "",
        externalSNI: "",
        balanceInboundConnections: "",
        localConnectTimeoutMs: "simulated connections succeed or are refused at once",
      },
      refuse: {
        destination: "makes the service an endpoint outside the mesh, reached through a terminating gateway, which the simulation does not model",
        maxInboundConnections: "limits each replica's inbound connections, which no rule of the simulation does",
        localRequestTimeoutMs: "sets a timeout on the proxy's calls to its own app, which no rule of the simulation does",
        rateLimits: "is Consul Enterprise's rate limiting; the consul profile models the open-source edition (write rateLimit in the scenario's traffic list)",
        envoyExtensions: "patches the proxies' Envoy configuration, whose effect on traffic is unknown",
      },
    }) ?? {};
  const config = reader.optionalObject(["spec", "upstreamConfig"], spec.upstreamConfig, { read: ["defaults", "overrides"] });
  if (config?.defaults !== undefined && config.defaults !== null) {
    const path: FieldPath = ["spec", "upstreamConfig", "defaults"];
    const defaults = readUpstream(reader, path, config.defaults, false);
    for (const key of ["limits", "passiveHealthCheck"] as const) {
      if (defaults[key] !== undefined && defaults[key] !== null) {
        reader.fail([...path, key], `applies to every upstream of ${service}, which the manifests do not list; name each under upstreamConfig.overrides, or write the rule in the scenario's traffic list`);
      }
    }
  }
  const upstreams = reader.list(["spec", "upstreamConfig", "overrides"], config?.overrides).flatMap((value, i): UpstreamPolicy[] => {
    const path: FieldPath = ["spec", "upstreamConfig", "overrides", i];
    const upstream = readUpstream(reader, path, value, true);
    const host = shortHostName(reader.string([...path, "name"], upstream.name), serviceNames);
    const policy: Policy = {};
    if (upstream.limits !== undefined && upstream.limits !== null) {
      const limits = readLimits(reader, [...path, "limits"], upstream.limits);
      policy.circuitBreaker = { ...(limits ? { value: limits } : {}), notes: [] };
    }
    if (upstream.passiveHealthCheck !== undefined && upstream.passiveHealthCheck !== null) {
      const notes: string[] = [];
      const detection = readPassiveHealthCheck(reader, [...path, "passiveHealthCheck"], upstream.passiveHealthCheck, notes, host);
      policy.outlierDetection = { ...(detection ? { value: detection } : {}), notes };
    }
    return Object.keys(policy).length > 0 ? [{ host, hostPath: [...path, "name"], policy }] : [];
  });
  return { reader, service, upstreams };
}

// --- internal ---

function readUpstream(reader: ManifestReader, path: FieldPath, value: unknown, override: boolean): Record<string, unknown> {
  return reader.object(path, value, {
    read: [...(override ? ["name"] : []), "limits", "passiveHealthCheck"],
    ignore: {
      namespace: "namespaces are not modelled",
      partition: "admin partitions are not modelled",
      peer: "",
      protocol: "the scenario's services declare their protocols",
      connectTimeoutMs: "simulated connections succeed or are refused at once",
      meshGateway: "",
      balanceOutboundConnections: "",
    },
    refuse: {
      envoyListenerJSON: "replaces the proxy's Envoy listener, whose effect on traffic is unknown",
      envoyClusterJSON: "replaces the proxy's Envoy cluster, whose effect on traffic is unknown",
    },
  });
}

/**
 * Limits as Envoy thresholds: an unset limit keeps Envoy's default (1024), as makeThresholdsIfNeeded
 * leaves it; a limit of 0 is passed to Envoy as 0, which would fail every call, so it is refused.
 */
function readLimits(reader: ManifestReader, path: FieldPath, value: unknown): RawCircuitBreaker | undefined {
  const limits = reader.object(path, value, { read: ["maxConnections", "maxPendingRequests", "maxConcurrentRequests"] });
  const breaker: RawCircuitBreaker = {};
  const fields: Array<[keyof RawCircuitBreaker, string, number]> = [
    ["maxConnections", "maxConnections", 1],
    ["maxPendingRequests", "maxPendingRequests", 0],
    ["maxRequests", "maxConcurrentRequests", 1],
  ];
  for (const [field, consulName, minimum] of fields) {
    const limit = reader.optionalNumber([...path, consulName], limits[consulName], { minimum: 0, integer: true });
    if (limit === undefined) continue;
    if (limit < minimum) reader.fail([...path, consulName], "is 0: Envoy then lets no call through, which traffic import does not take as meant");
    breaker[field] = limit;
  }
  return Object.keys(breaker).length > 0 ? breaker : undefined;
}

/**
 * Passive health checks as outlier detection. Unset fields keep Envoy's defaults (5 consecutive 5xx,
 * 10 s interval, 30 s base ejection, 10%), the rule's own defaults; ToOutlierDetection sets only the
 * non-zero ones. EnforcingConsecutive5xx is the share of detected outliers Envoy ejects (default 100).
 */
function readPassiveHealthCheck(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[], host: string): RawOutlierDetection | undefined {
  const check = reader.object(path, value, { read: ["interval", "maxFailures", "enforcingConsecutive5xx", "maxEjectionPercent", "baseEjectionTime"] });
  const enforcing = reader.optionalNumber([...path, "enforcingConsecutive5xx"], check.enforcingConsecutive5xx, { minimum: 0, maximum: 100, integer: true });
  if (enforcing === 0) {
    notes.push(`outlier detection of ${host} ejects nothing (enforcingConsecutive5xx 0)`);
    return undefined;
  }
  if (enforcing !== undefined && enforcing < 100) {
    reader.fail([...path, "enforcingConsecutive5xx"], `is ${enforcing}: Envoy ejects only that share of the replicas it finds failing, which the simulation's outlier detection does not model`);
  }
  const detection: RawOutlierDetection = {};
  const failures = reader.optionalNumber([...path, "maxFailures"], check.maxFailures, { minimum: 0, integer: true });
  if (failures !== undefined && failures > 0) detection.consecutive5xx = failures;
  const interval = readGoDuration(reader, [...path, "interval"], check.interval);
  if (interval !== undefined && interval > 0) detection.intervalMs = interval;
  const ejection = readGoDuration(reader, [...path, "baseEjectionTime"], check.baseEjectionTime);
  if (ejection !== undefined && ejection > 0) detection.baseEjectionMs = ejection;
  const percent = reader.optionalNumber([...path, "maxEjectionPercent"], check.maxEjectionPercent, { minimum: 0, maximum: 100, integer: true });
  if (percent !== undefined) detection.maxEjectionPercent = percent;
  return detection;
}
