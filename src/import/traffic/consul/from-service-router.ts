/**
 * Consul ServiceRouter (consul.hashicorp.com v1alpha1) read into its routes: exact header matches,
 * where each route sends calls (a service, a subset), its request timeout and its retries. Where the
 * calls end up (a splitter, a resolver's subset) is resolved by consul-chain.ts. Fields from the
 * service router reference (developer.hashicorp.com/consul/docs/reference/config-entry/service-router)
 * and Envoy's routes as Consul builds them (hashicorp/consul agent/xds/routes.go,
 * makeUpstreamRouteForDiscoveryChain and getRetryPolicyForDestination).
 */

import { ManifestReader } from "../_manifest-reader.js";
import { readGoDuration, reportRetryMapping } from "../_rule-parts.js";
import type { FieldPath, Manifest } from "../read-manifests.js";
import type { RawRetries } from "../../../scenario/index.js";
import { mapRetryConditions } from "../retry-conditions.js";

/** Where one route (or a split) sends calls: a service and maybe one of its resolver's subsets. */
export interface ConsulTarget {
  service: string;
  subset?: string;
  /** The field naming the service (or the object's name when the service is implied). */
  path: FieldPath;
  /** The field naming the subset. */
  subsetPath?: FieldPath;
}

export interface ConsulRoute {
  headers?: Record<string, string>;
  target: ConsulTarget;
  timeoutMs?: number;
  retries?: RawRetries;
  notes: string[];
}

export interface ReadRouter {
  reader: ManifestReader;
  /** The service whose calls it routes (metadata.name). */
  service: string;
  routes: ConsulRoute[];
}

/**
 * Reads one ServiceRouter.
 * @throws ScenarioError naming the field for path, method and query matches, header matches other
 *   than exact ones, and malformed values
 * @example readServiceRouter(manifest).routes[0].headers // { "x-debug": "1" }
 */
export function readServiceRouter(manifest: Manifest): ReadRouter {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  reader.readMetadata();
  const service = reader.string(["metadata", "name"], (manifest.value.metadata as { name?: unknown } | undefined)?.name);
  const spec = reader.optionalObject(["spec"], manifest.value.spec, { read: ["routes"] }) ?? {};
  const routes = reader.list(["spec", "routes"], spec.routes).map((value, i) => readRoute(reader, ["spec", "routes", i], value, service));
  return { reader, service, routes };
}

// --- internal ---

const BY_REQUEST_LINE = "matches on the request line, while traffic rules match exact headers only";

function readRoute(reader: ManifestReader, path: FieldPath, value: unknown, service: string): ConsulRoute {
  const route = reader.object(path, value, { read: ["match", "destination"] });
  const headers = readMatch(reader, [...path, "match"], route.match);
  const at: FieldPath = [...path, "destination"];
  // A route without a destination sends calls to the router's own service (the reference's Destination.Service default).
  const destination =
    reader.optionalObject(at, route.destination, {
      read: ["service", "serviceSubset", "requestTimeout", "numRetries", "retryOnConnectFailure", "retryOn", "retryOnStatusCodes"],
      ignore: {
        namespace: "namespaces are not modelled",
        partition: "admin partitions are not modelled",
        prefixRewrite: "the path plays no part in a simulated call",
        idleTimeout: "a stream idle timeout: simulated calls never stall mid-stream",
        requestHeaders: "header changes cost no time in the simulation",
        responseHeaders: "header changes cost no time in the simulation",
      },
    }) ?? {};
  const named = reader.optionalString([...at, "service"], destination.service);
  const subset = reader.optionalString([...at, "serviceSubset"], destination.serviceSubset);
  const target: ConsulTarget = { service: named ?? service, ...(subset ? { subset, subsetPath: [...at, "serviceSubset"] } : {}), path: named ? [...at, "service"] : ["metadata", "name"] };
  const notes: string[] = [];
  // 0s is the unset value; a negative duration turns Envoy's timeout off, which parseGoDuration refuses.
  const timeoutMs = readGoDuration(reader, [...at, "requestTimeout"], destination.requestTimeout);
  const retries = readRetries(reader, at, destination, notes);
  return { ...(headers ? { headers } : {}), target, ...(timeoutMs ? { timeoutMs } : {}), ...(retries ? { retries } : {}), notes };
}

function readMatch(reader: ManifestReader, path: FieldPath, value: unknown): Record<string, string> | undefined {
  const match = reader.optionalObject(path, value, { read: ["http"] });
  const http = reader.optionalObject([...path, "http"], match?.http, {
    read: ["header", "pathPrefix"],
    ignore: { caseInsensitive: "it applies to path matches, which are refused" },
    refuse: { pathExact: BY_REQUEST_LINE, pathRegex: BY_REQUEST_LINE, methods: BY_REQUEST_LINE, queryParam: BY_REQUEST_LINE },
  });
  if (!http) return undefined;
  const prefix = reader.optionalString([...path, "http", "pathPrefix"], http.pathPrefix);
  // Envoy's default route match is the prefix "/", so it matches every call.
  if (prefix !== undefined && prefix !== "/") reader.fail([...path, "http", "pathPrefix"], BY_REQUEST_LINE);
  const headers: Record<string, string> = {};
  reader.list([...path, "http", "header"], http.header).forEach((entry, i) => {
    const at = [...path, "http", "header", i];
    const header = reader.object(at, entry, {
      read: ["name", "exact"],
      refuse: {
        present: "matches a header being present, while traffic rules match exact header values only",
        prefix: "is a prefix match; traffic rules match exact header values only",
        suffix: "is a suffix match; traffic rules match exact header values only",
        regex: "is a regex match; traffic rules match exact header values only",
        invert: "inverts the match, while traffic rules match exact header values only",
      },
    });
    const name = reader.string([...at, "name"], header.name);
    // Request types carry lowercase header names, as HTTP/2 (and Envoy) have them.
    headers[name.toLowerCase()] = reader.string([...at, "exact"], header.exact);
  });
  return Object.keys(headers).length > 0 ? headers : undefined;
}

/**
 * Consul sets a retry policy when any retry field is set; NumRetries 0 then leaves Envoy's
 * num_retries default of 1 (Envoy's RetryPolicy reference), and the conditions are RetryOn, then
 * connect-failure, then retriable-status-codes with the listed codes.
 */
function readRetries(reader: ManifestReader, path: FieldPath, destination: Record<string, unknown>, notes: string[]): RawRetries | undefined {
  const numRetries = reader.optionalNumber([...path, "numRetries"], destination.numRetries, { minimum: 0, maximum: 100, integer: true }) ?? 0;
  const connectFailure = reader.optionalBoolean([...path, "retryOnConnectFailure"], destination.retryOnConnectFailure) ?? false;
  const retryOn = reader.list([...path, "retryOn"], destination.retryOn).map((entry, i) => reader.string([...path, "retryOn", i], entry));
  const codes = reader.list([...path, "retryOnStatusCodes"], destination.retryOnStatusCodes).map((entry, i) => {
    return String(reader.number([...path, "retryOnStatusCodes", i], entry, { minimum: 100, maximum: 599, integer: true }));
  });
  if (numRetries === 0 && !connectFailure && retryOn.length === 0 && codes.length === 0) return undefined;
  const attempts = numRetries > 0 ? numRetries : 1;
  const onList = mapRetryConditions(connectFailure ? [...retryOn, "connect-failure"] : retryOn);
  reportRetryMapping(reader, [...path, "retryOn"], onList, notes);
  const onCodes = mapRetryConditions(codes);
  reportRetryMapping(reader, [...path, "retryOnStatusCodes"], onCodes, notes);
  const conditions = [...new Set([...onList.retryOn, ...onCodes.retryOn])];
  if (conditions.length === 0) {
    notes.push(`numRetries ${numRetries} without a retry condition the simulation triggers (retryOn, retryOnConnectFailure, retryOnStatusCodes): no call is retried`);
    return { attempts: 0 };
  }
  if (numRetries === 0) notes.push("numRetries not given: Envoy's default of 1 retry");
  return { attempts, retryOn: conditions };
}
