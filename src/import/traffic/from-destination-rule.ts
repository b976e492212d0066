/**
 * Istio DestinationRule (networking.istio.io v1, v1beta1, v1alpha3) to a host's policies: load
 * balancer, locality load balancing, connection pool as circuit breaker, outlier detection, retry
 * budget, and the subsets VirtualServices route to. Subset policies are merged later, where routes use them.
 */

import { ManifestReader } from "./_manifest-reader.js";
import { readGoDuration, type ImportContext, type Policy, type PolicyKey, type PolicyPart, type SubsetPart } from "./_rule-parts.js";
import { isWildcardHost, shortHostName } from "./host-names.js";
import type { FieldPath, Manifest } from "./read-manifests.js";
import type { RawCircuitBreaker, RawLoadBalancer, RawOutlierDetection, RawRetryBudget, RawTrafficRule } from "../../scenario/index.js";

/**
 * Converts one DestinationRule.
 * @throws ScenarioError naming the field for policies a rule cannot express (consistentHash,
 *   PASSTHROUGH, port-level settings, workloadSelector, TLS other than ISTIO_MUTUAL, ...)
 * @example fromDestinationRule(manifest, context).policy.loadBalancer?.value // "least-request"
 */
export function fromDestinationRule(manifest: Manifest, context: Pick<ImportContext, "serviceNames">): PolicyPart {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  reader.readMetadata();
  const spec = reader.object(["spec"], manifest.value.spec, {
    read: ["host", "trafficPolicy", "subsets"],
    ignore: { exportTo: "visibility across namespaces" },
    refuse: { workloadSelector: "applies the rule to some callers only, while a traffic rule applies to every caller" },
  });
  const fullHost = reader.string(["spec", "host"], spec.host);
  if (isWildcardHost(fullHost)) reader.fail(["spec", "host"], `is a wildcard (${fullHost}), which names no single service; write one DestinationRule per service`);
  const host = shortHostName(fullHost, context.serviceNames);
  const policy = readTrafficPolicy(reader, ["spec", "trafficPolicy"], spec.trafficPolicy, host);
  const names = new Set<string>();
  const subsets: SubsetPart[] = reader.list(["spec", "subsets"], spec.subsets).map((value, i) => {
    const path = ["spec", "subsets", i];
    const subset = reader.object(path, value, { read: ["name", "labels", "trafficPolicy"] });
    const name = reader.string([...path, "name"], subset.name);
    if (names.has(name)) reader.fail([...path, "name"], `repeats subset ${name}; subset names must be unique`);
    names.add(name);
    const labels = reader.stringMap([...path, "labels"], subset.labels);
    const own = subset.trafficPolicy === undefined || subset.trafficPolicy === null ? undefined : readTrafficPolicy(reader, [...path, "trafficPolicy"], subset.trafficPolicy, `${host} subset ${name}`);
    return { name, labels, path, ...(own ? { policy: own } : {}) };
  });
  return { host, hostPath: ["spec", "host"], reader, policy, subsets };
}

// --- internal ---

/** Istio's int32 connection-pool fields treat 0 as unset (then 2^32-1, no limit). */
const UNSET = 0;

function readTrafficPolicy(reader: ManifestReader, path: FieldPath, value: unknown, owner: string): Policy {
  const policy: Policy = {};
  const traffic = reader.optionalObject(path, value, {
    read: ["loadBalancer", "connectionPool", "outlierDetection", "retryBudget", "tls"],
    ignore: { proxyProtocol: "a PROXY header per connection costs no time in the simulation" },
    refuse: {
      portLevelSettings: "sets policies per port, while a traffic rule has one policy per host",
      tunnel: "tunnels connections through a proxy, which the simulation does not model",
    },
  });
  if (!traffic) return policy;
  const section = <K extends PolicyKey>(key: K, istioKey: string, read: (path: FieldPath, value: unknown, notes: string[]) => RawTrafficRule[K] | undefined): void => {
    const given = traffic[istioKey];
    if (given === null || given === undefined) return;
    const notes: string[] = [];
    const converted = read([...path, istioKey], given, notes);
    policy[key] = { ...(converted !== undefined ? { value: converted } : {}), notes } as Policy[K];
  };
  section("loadBalancer", "loadBalancer", (at, given, notes) => readLoadBalancer(reader, at, given, notes));
  section("circuitBreaker", "connectionPool", (at, given, notes) => readConnectionPool(reader, at, given, notes));
  section("outlierDetection", "outlierDetection", (at, given, notes) => readOutlierDetection(reader, at, given, notes, owner));
  section("retryBudget", "retryBudget", (at, given, notes) => readRetryBudget(reader, at, given, notes));
  const balancer = traffic.loadBalancer;
  const locality = isRecord(balancer) ? balancer.localityLbSetting : undefined;
  if (locality !== null && locality !== undefined) {
    const notes: string[] = [];
    const enabled = readLocalityLbSetting(reader, [...path, "loadBalancer", "localityLbSetting"], locality, notes, owner, policy.outlierDetection?.value !== undefined);
    policy.localityLoadBalancing = { ...(enabled !== undefined ? { value: enabled } : {}), notes };
  } else if (isRecord(balancer)) {
    // A subset's loadBalancer replaces the whole top-level one, its locality setting included.
    policy.localityLoadBalancing = { notes: [] };
  }
  readTls(reader, [...path, "tls"], traffic.tls, owner);
  return policy;
}

const SIMPLE_LOAD_BALANCERS: Record<string, RawLoadBalancer | undefined> = {
  UNSPECIFIED: undefined,
  ROUND_ROBIN: "round-robin",
  RANDOM: "random",
  LEAST_REQUEST: "least-request",
  LEAST_CONN: "least-request",
};

function readLoadBalancer(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[]): RawLoadBalancer | undefined {
  const settings = reader.optionalObject(path, value, {
    // localityLbSetting is read by readLocalityLbSetting.
    read: ["simple", "localityLbSetting"],
    ignore: {
      warmupDurationSecs: "no replica starts during a run",
      warmup: "no replica starts during a run",
    },
    refuse: { consistentHash: "pins calls to replicas by a hash, which no load balancer of the simulation does" },
  });
  if (!settings?.simple) return undefined;
  const simple = reader.string([...path, "simple"], settings.simple);
  if (simple === "PASSTHROUGH") reader.fail([...path, "simple"], "is PASSTHROUGH: calls go to the address the caller resolved, without load balancing, which a traffic rule cannot express");
  if (!Object.hasOwn(SIMPLE_LOAD_BALANCERS, simple)) reader.fail([...path, "simple"], `is ${simple}; Istio's are ROUND_ROBIN, RANDOM, LEAST_REQUEST, LEAST_CONN and PASSTHROUGH`);
  if (simple === "LEAST_CONN") notes.push("LEAST_CONN (Istio's deprecated name for LEAST_REQUEST) taken as least-request");
  return SIMPLE_LOAD_BALANCERS[simple];
}

/**
 * localityLbSetting as the rule's localityLoadBalancing: `enabled` (Istio's default: on), with
 * notes for what the zones of one cluster do not model (weights across localities, failover
 * between regions) and for a setting that cannot act: Istio fails over by locality only where
 * outlier detection ejects the local replicas (istio.io, "Locality failover").
 */
function readLocalityLbSetting(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[], owner: string, outlierDetection: boolean): boolean | undefined {
  const settings = reader.optionalObject(path, value, {
    read: ["enabled", "distribute", "failover", "failoverPriority"],
  });
  if (!settings) return undefined;
  const enabled = reader.optionalBoolean([...path, "enabled"], settings.enabled) ?? true;
  if (!enabled) {
    notes.push(`locality load balancing of ${owner} is off (localityLbSetting.enabled false)`);
    return false;
  }
  if (reader.list([...path, "distribute"], settings.distribute).length > 0) {
    reader.ignore([...path, "distribute"], "weights across localities: the simulation keeps calls in the caller's zone while enough local replicas are healthy, and spills the rest to the other zones");
  }
  if (reader.list([...path, "failover"], settings.failover).length > 0) {
    reader.ignore([...path, "failover"], "failover between regions: one cluster's other zones are the next priority, as Istio's default order has them");
  }
  if (reader.list([...path, "failoverPriority"], settings.failoverPriority).length > 0) {
    reader.ignore([...path, "failoverPriority"], "priorities by labels: the simulation orders endpoints by zone only");
  }
  if (!outlierDetection) {
    notes.push(`localityLbSetting of ${owner} acts only with outlierDetection, which the DestinationRule does not set: Istio then balances over every zone`);
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readConnectionPool(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[]): RawCircuitBreaker | undefined {
  const pool = reader.optionalObject(path, value, { read: ["tcp", "http"] });
  if (!pool) return undefined;
  const limits: RawCircuitBreaker = {};
  const count = { minimum: 0, integer: true };
  const tcp = reader.optionalObject([...path, "tcp"], pool.tcp, {
    read: ["maxConnections"],
    ignore: {
      connectTimeout: "simulated connections succeed or are refused at once",
      tcpKeepalive: "",
      maxConnectionDuration: "a reconnect now and then adds little",
      idleTimeout: "connections seldom idle under load",
    },
  });
  let unset = false;
  const maxConnections = reader.optionalNumber([...path, "tcp", "maxConnections"], tcp?.maxConnections, count);
  if (maxConnections === UNSET) unset = true;
  else if (maxConnections !== undefined) limits.maxConnections = maxConnections;
  const http = reader.optionalObject([...path, "http"], pool.http, {
    read: ["http1MaxPendingRequests", "http2MaxRequests", "maxRetries", "maxRequestsPerConnection", "h2UpgradePolicy"],
    ignore: {
      idleTimeout: "connections seldom idle under load",
      maxConcurrentStreams: "",
      useClientProtocol: "the mesh profile decides the protocol between proxies",
    },
  });
  const fields: Array<[keyof RawCircuitBreaker, string]> = [
    ["maxPendingRequests", "http1MaxPendingRequests"],
    ["maxRequests", "http2MaxRequests"],
    ["maxRetries", "maxRetries"],
  ];
  for (const [field, istioName] of fields) {
    const limit = reader.optionalNumber([...path, "http", istioName], http?.[istioName], count);
    if (limit === UNSET) unset = true;
    else if (limit !== undefined) limits[field] = limit;
  }
  const perConnection = reader.optionalNumber([...path, "http", "maxRequestsPerConnection"], http?.maxRequestsPerConnection, count);
  if (perConnection === 1) {
    reader.fail([...path, "http", "maxRequestsPerConnection"], "is 1: every call opens a new connection; set keepAlive: false on the scenario's services instead");
  }
  if (perConnection !== undefined && perConnection > 1) reader.ignore([...path, "http", "maxRequestsPerConnection"], "a reconnect every few calls adds little");
  const upgrade = reader.optionalString([...path, "http", "h2UpgradePolicy"], http?.h2UpgradePolicy);
  if (upgrade === "UPGRADE") reader.fail([...path, "http", "h2UpgradePolicy"], "is UPGRADE: HTTP/1.1 becomes HTTP/2 between the proxies, which the mesh profile decides, not a traffic rule");
  if (upgrade !== undefined) reader.ignore([...path, "http", "h2UpgradePolicy"], `${upgrade}: the mesh's default`);
  if (unset) notes.push("connection-pool limits of 0 mean no limit in Istio and are left out");
  return Object.keys(limits).length > 0 ? limits : undefined;
}

function readOutlierDetection(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[], owner: string): RawOutlierDetection | undefined {
  const settings = reader.optionalObject(path, value, {
    read: ["consecutive5xxErrors", "consecutiveErrors", "consecutiveGatewayErrors", "interval", "baseEjectionTime", "maxEjectionPercent"],
    ignore: {
      minHealthPercent: "ejection stops below this share of healthy replicas; the simulation keeps ejecting up to maxEjectionPercent",
      splitExternalLocalOriginErrors: "the simulation counts connection failures and timeouts with the 5xx",
      consecutiveLocalOriginFailures: "the simulation counts connection failures and timeouts with the 5xx",
    },
  });
  if (!settings) return undefined;
  const count = { minimum: 0, integer: true };
  const fiveXx = reader.optionalNumber([...path, "consecutive5xxErrors"], settings.consecutive5xxErrors, count);
  const gateway = reader.optionalNumber([...path, "consecutiveGatewayErrors"], settings.consecutiveGatewayErrors, count);
  const deprecated = reader.optionalNumber([...path, "consecutiveErrors"], settings.consecutiveErrors, count);
  // Istio turns the deprecated consecutiveErrors into Envoy's gateway-failure counter and then
  // stops enforcing the 5xx one, unless consecutive5xxErrors sets it again.
  const gatewayCount = gateway !== undefined && gateway > 0 ? gateway : deprecated !== undefined && deprecated > 0 ? deprecated : undefined;
  const gatewayName = gateway !== undefined && gateway > 0 ? "consecutiveGatewayErrors" : "consecutiveErrors";
  const fiveXxCount = fiveXx !== undefined ? (fiveXx > 0 ? fiveXx : undefined) : deprecated !== undefined && deprecated > 0 ? undefined : 5;
  if (fiveXxCount === undefined && gatewayCount === undefined) {
    notes.push(`outlier detection of ${owner} is off (consecutive5xxErrors 0 and no gateway-error count)`);
    return undefined;
  }
  const detection: RawOutlierDetection = {};
  if (gatewayCount !== undefined) {
    detection.consecutive5xx = fiveXxCount === undefined ? gatewayCount : Math.min(fiveXxCount, gatewayCount);
    notes.push(`${gatewayName} ${gatewayCount} counted as consecutive5xx: the simulation counts every 5xx, timeouts and resets alike`);
  } else if (fiveXx !== undefined) {
    detection.consecutive5xx = fiveXxCount;
  }
  const interval = readGoDuration(reader, [...path, "interval"], settings.interval);
  if (interval !== undefined) detection.intervalMs = interval;
  const ejection = readGoDuration(reader, [...path, "baseEjectionTime"], settings.baseEjectionTime);
  if (ejection !== undefined) detection.baseEjectionMs = ejection;
  const percent = reader.optionalNumber([...path, "maxEjectionPercent"], settings.maxEjectionPercent, { minimum: 0, maximum: 100, integer: true });
  if (percent !== undefined) detection.maxEjectionPercent = percent;
  return detection;
}

function readRetryBudget(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[]): RawRetryBudget | undefined {
  const settings = reader.optionalObject(path, value, {
    read: ["percent", "budgetInterval"],
    ignore: { minRetryConcurrency: "a floor on concurrent retries, which has no counterpart in a budget of retries per second" },
  });
  if (!settings) return undefined;
  const percent = reader.optionalNumber([...path, "percent"], settings.percent, { minimum: 0, maximum: 100 }) ?? 20;
  notes.push(`retry budget ${percent}% of active requests (Envoy's, by concurrency) taken as a ratio ${percent / 100} of retries to requests`);
  const interval = readGoDuration(reader, [...path, "budgetInterval"], settings.budgetInterval);
  return { ratio: percent / 100, ...(interval !== undefined && interval > 0 ? { ttlMs: interval } : {}) };
}

/** ISTIO_MUTUAL is what the mesh does anyway; any other mode changes mTLS, which the scenario sets. */
function readTls(reader: ManifestReader, path: FieldPath, value: unknown, owner: string): void {
  if (value === null || value === undefined) return;
  const tls = reader.object(path, value, { read: ["mode"], accept: Object.keys(value as object) });
  const mode = reader.optionalString([...path, "mode"], tls.mode) ?? "DISABLE";
  if (mode === "DISABLE") reader.fail([...path, "mode"], `is DISABLE: calls to ${owner} go without mTLS; set the scenario's mtls instead`);
  if (mode !== "ISTIO_MUTUAL") reader.fail([...path, "mode"], `is ${mode}: the client proxy originates TLS, which the simulation does not model`);
  reader.ignore(path, "ISTIO_MUTUAL: mTLS follows the scenario's mesh.mtls");
}
