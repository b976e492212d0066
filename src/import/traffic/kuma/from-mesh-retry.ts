/**
 * Kuma MeshRetry (kuma.io v1alpha1) to the retries of calls to each service its `to[]` names:
 * `http` (or `grpc`) numRetries, perTryTimeout, backOff and retryOn. Fields and defaults from the
 * policy's API (github.com/kumahq/kuma, pkg/plugins/policies/meshretry/api/v1alpha1/meshretry.go)
 * and its reference (developer.konghq.com/mesh/policies/meshretry).
 */

import type { ManifestReader } from "../_manifest-reader.js";
import { readKumaPolicy, type ConvertedKumaPolicy } from "./_kuma-policy-reader.js";
import { readGoDuration, reportRetryMapping, type ImportContext } from "../_rule-parts.js";
import type { KumaSettings } from "./combine-kuma-policies.js";
import type { FieldPath, Manifest } from "../read-manifests.js";
import type { RawRetries } from "../../../scenario/index.js";
import { mapRetryConditions } from "../retry-conditions.js";

/**
 * Converts one MeshRetry into an entry per service it names (every service for `kind: Mesh`).
 * @throws ScenarioError naming the field for what a rule cannot express: callers other than the
 *   whole mesh, retries limited to some methods or request headers, unknown retry conditions
 * @example fromMeshRetry(manifest, context).entries[0].settings.retries // { attempts: 3 }
 */
export function fromMeshRetry(manifest: Manifest, context: ImportContext): ConvertedKumaPolicy {
  return readKumaPolicy(manifest, context, { readConf: readConf });
}

/**
 * Fills what no MeshRetry set with Kuma's defaults: numRetries 1 ("If not set, the default value
 * is 1", meshretry.go), retryOn gateway-error,connect-failure,refused-stream for the http section
 * and cancelled,connect-failure,gateway-error,refused-stream,reset,resource-exhausted,unavailable
 * for the grpc one (HttpRetryOnDefault and GrpcRetryOnDefault in
 * pkg/plugins/policies/meshretry/plugin/xds/configurer.go), base interval 25 ms (meshretry.go
 * BackOff.BaseInterval). A per-try timeout left unset is the route's whole timeout.
 * @example completeKumaRetries({ attempts: 3 }, [], "http") // { attempts: 3, retryOn: ["gateway-error", "connect-failure"] }
 */
export function completeKumaRetries(retries: Partial<RawRetries>, notes: string[], section: "http" | "grpc" = "http"): RawRetries {
  const completed: RawRetries = { ...retries, attempts: retries.attempts ?? DEFAULT_NUM_RETRIES };
  if (retries.attempts === undefined) notes.push(`numRetries not given: Kuma's default ${DEFAULT_NUM_RETRIES}`);
  if (completed.attempts > 0 && retries.retryOn === undefined) {
    const defaults = section === "grpc" ? DEFAULT_GRPC_RETRY_ON : DEFAULT_RETRY_ON;
    const mapped = mapRetryConditions(defaults);
    completed.retryOn = mapped.retryOn;
    notes.push(`retryOn not given: Kuma's default ${defaults.join(",")} taken as ${mapped.retryOn.join(",")}`);
  }
  return completed;
}

// --- internal ---

const DEFAULT_NUM_RETRIES = 1;
/** meshretry.go BackOff.BaseInterval: 'If not specified then the default value is "25ms"'. */
const DEFAULT_BASE_INTERVAL_MS = 25;
const DEFAULT_RETRY_ON: readonly string[] = ["gateway-error", "connect-failure", "refused-stream"];
const DEFAULT_GRPC_RETRY_ON: readonly string[] = ["cancelled", "connect-failure", "gateway-error", "refused-stream", "reset", "resource-exhausted", "unavailable"];

/** Kuma's retryOn names as Envoy's (HttpRetryOnEnumToEnvoyValue, GrpcRetryOnEnumToEnvoyValue in meshretry.go). */
const KUMA_RETRY_ON: Record<string, string> = {
  "5xx": "5xx",
  "5XX": "5xx",
  All5xx: "5xx",
  GatewayError: "gateway-error",
  Reset: "reset",
  Retriable4xx: "retriable-4xx",
  ConnectFailure: "connect-failure",
  EnvoyRatelimited: "envoy-ratelimited",
  RefusedStream: "refused-stream",
  Http3PostConnectFailure: "http3-post-connect-failure",
  Canceled: "cancelled",
  DeadlineExceeded: "deadline-exceeded",
  Internal: "internal",
  ResourceExhausted: "resource-exhausted",
  Unavailable: "unavailable",
};

const RETRY_FIELDS = ["numRetries", "perTryTimeout", "backOff", "retryOn"];
const RETRY_IGNORED = {
  rateLimitedBackOff: "the simulation retries no rate-limit answer",
  retriableResponseHeaders: "no simulated answer carries retry headers",
  hostSelection: "the load balancer picks each retry's replica",
  hostSelectionMaxAttempts: "the load balancer picks each retry's replica",
};

function readConf(reader: ManifestReader, path: FieldPath, value: unknown): KumaSettings {
  const conf = reader.optionalObject(path, value, {
    read: ["http", "grpc"],
    ignore: { tcp: "connection attempts of tcp services; traffic rules retry calls of http and grpc services" },
  });
  const http = conf?.http ?? undefined;
  const grpc = conf?.grpc ?? undefined;
  if (http === undefined && grpc === undefined) return {};
  // Kuma applies the section of the service's protocol; the importer does not know it, so it reads
  // http when both are given.
  if (http !== undefined && grpc !== undefined) reader.ignore([...path, "grpc"], "traffic import reads the http section; Kuma applies the grpc one to grpc services");
  const section = http !== undefined ? "http" : "grpc";
  const notes: string[] = [];
  const retries = readRetries(reader, [...path, section], http ?? grpc, section, notes);
  return { retries, retrySection: section, notes };
}

function readRetries(reader: ManifestReader, path: FieldPath, value: unknown, section: "http" | "grpc", notes: string[]): Partial<RawRetries> {
  const settings = reader.object(path, value, {
    read: RETRY_FIELDS,
    ignore: RETRY_IGNORED,
    refuse: { retriableRequestHeaders: "retries only calls carrying some request headers, while a rule's retries apply to every call of its route" },
  });
  const retries: Partial<RawRetries> = {};
  const attempts = reader.optionalNumber([...path, "numRetries"], settings.numRetries, { minimum: 0, maximum: 100, integer: true });
  if (attempts !== undefined) retries.attempts = attempts;
  const perTry = readGoDuration(reader, [...path, "perTryTimeout"], settings.perTryTimeout);
  // "Setting this timeout to 0 will disable it": each try then has the route's whole timeout.
  if (perTry !== undefined && perTry > 0) retries.perTryTimeoutMs = perTry;
  const backOff = reader.optionalObject([...path, "backOff"], settings.backOff, { read: ["baseInterval", "maxInterval"] });
  const base = readGoDuration(reader, [...path, "backOff", "baseInterval"], backOff?.baseInterval);
  if (base !== undefined) retries.backoffMs = Math.max(base, 1);
  const max = readGoDuration(reader, [...path, "backOff", "maxInterval"], backOff?.maxInterval);
  if (max !== undefined && max !== 10 * (base ?? DEFAULT_BASE_INTERVAL_MS)) {
    reader.ignore([...path, "backOff", "maxInterval"], "the simulation caps the wait at 10 x baseInterval, Kuma's default maxInterval");
  }
  const conditions = reader.list([...path, "retryOn"], settings.retryOn).map((entry, k) => reader.string([...path, "retryOn", k], String(entry)));
  if (conditions.length > 0) {
    const methods = conditions.filter((condition) => condition.startsWith("HttpMethod"));
    if (methods.length > 0) reader.fail([...path, "retryOn"], `names ${methods.join(", ")}: retries of calls of some methods only, which simulated calls (no method) cannot express`);
    const unknown = conditions.filter((condition) => !Object.hasOwn(KUMA_RETRY_ON, condition) && !/^\d{3}$/.test(condition));
    if (unknown.length > 0) {
      const names = section === "http" ? "5XX, GatewayError, Reset, Retriable4xx, ConnectFailure, EnvoyRatelimited, RefusedStream, Http3PostConnectFailure or status codes" : "Canceled, DeadlineExceeded, Internal, ResourceExhausted, Unavailable";
      reader.fail([...path, "retryOn"], `names ${unknown.join(", ")}, which ${unknown.length === 1 ? "is" : "are"} no ${section} retry condition of Kuma's (${names})`);
    }
    // Status codes alone keep Kuma's default conditions and add retriable-status-codes beside them
    // (genHttpRetryPolicy and splitRetryOn in pkg/plugins/policies/meshretry/plugin/xds/configurer.go).
    const named = conditions.filter((condition) => !/^\d{3}$/.test(condition));
    if (named.length === 0) notes.push(`retryOn names status codes only: Kuma keeps its default ${DEFAULT_RETRY_ON.join(",")} beside them`);
    const written = named.length === 0 ? [...DEFAULT_RETRY_ON, ...conditions] : conditions;
    const mapped = mapRetryConditions(written.map((condition) => KUMA_RETRY_ON[condition] ?? condition));
    reportRetryMapping(reader, [...path, "retryOn"], mapped, notes);
    retries.retryOn = mapped.retryOn;
  }
  return retries;
}
