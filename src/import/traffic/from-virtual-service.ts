/**
 * Istio VirtualService (networking.istio.io v1, v1beta1, v1alpha3) to routes: exact header
 * matches, weighted destinations (subsets become scenario services through the host's
 * DestinationRule), timeouts, retries and fault injection, in the order Istio tries them.
 */

import { ManifestReader } from "./_manifest-reader.js";
import { backendsFor, readGoDuration, reportRetryMapping, requirePositiveWeight, type ImportContext, type RoutePart } from "./_rule-parts.js";
import { isWildcardHost, shortHostName } from "./host-names.js";
import type { FieldPath, Manifest } from "./read-manifests.js";
import type { RawBackend, RawFault, RawRetries, RawRoute } from "../../scenario/index.js";
import { ISTIO_DEFAULT_RETRY_ON, mapRetryConditions } from "./retry-conditions.js";
import { serviceForSubset } from "./subset-services.js";

/**
 * Converts one VirtualService into a RoutePart per host. A VirtualService bound to ingress
 * gateways only (no `mesh` in spec.gateways) applies to the calls its default route goes to: its
 * host is the first destination of its last route.
 * @throws ScenarioError naming the field for what routes cannot express (mirror, redirect,
 *   uri/method/regex matches, tcp/tls routes, unknown subsets, ...)
 * @example fromVirtualService(manifest, context)[0].routes[0].backends // [{ service: "reviews-v1", weight: 90 }, ...]
 */
export function fromVirtualService(manifest: Manifest, context: ImportContext): RoutePart[] {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  reader.readMetadata();
  const spec = reader.object(["spec"], manifest.value.spec, {
    read: ["hosts", "gateways", "http"],
    ignore: { exportTo: "visibility across namespaces" },
    refuse: {
      tcp: "routes TCP connections, which traffic rules (HTTP routes) cannot express",
      tls: "routes TLS connections by SNI, which traffic rules (HTTP routes) cannot express",
    },
  });
  const gateways = reader.list(["spec", "gateways"], spec.gateways).map((value, i) => reader.string(["spec", "gateways", i], value));
  const forMesh = gateways.length === 0 || gateways.includes("mesh");
  const ingress = gateways.filter((gateway) => gateway !== "mesh");
  if (forMesh && ingress.length > 0) reader.ignore(["spec", "gateways"], `ingress gateways ${ingress.join(", ")}: the rule covers the mesh's calls`);

  const http = reader.list(["spec", "http"], spec.http);
  if (http.length === 0) reader.fail(["spec", "http"], "is missing or empty: a VirtualService without HTTP routes gives a traffic rule nothing to do");
  const parts: Omit<RoutePart, "host" | "hostPath"> = { reader, routes: [], subsets: [], wholeHosts: [] };
  http.forEach((value, i) => parts.routes.push(...readHttpRoute(reader, ["spec", "http", i], value, context, parts)));

  const fullHosts = reader.list(["spec", "hosts"], spec.hosts).map((value, i) => reader.string(["spec", "hosts", i], value));
  if (!forMesh) {
    // Every destination host was read as a string above.
    const defaultHost = lastDestinationHost(reader, http.length - 1, context)!;
    if (fullHosts.length > 0) reader.ignore(["spec", "hosts"], `ingress host names: the rule applies to calls to ${defaultHost}, the default destination`);
    reader.note(`bound to gateways ${ingress.join(", ")} only: applied to calls to ${defaultHost}, its default destination`);
    return [{ ...parts, host: defaultHost, hostPath: ["spec", "gateways"] }];
  }
  if (fullHosts.length === 0) reader.fail(["spec", "hosts"], "is missing: a VirtualService for the mesh names the hosts it routes");
  const hosts = new Map<string, FieldPath>();
  fullHosts.forEach((fullHost, i) => {
    if (isWildcardHost(fullHost)) reader.fail(["spec", "hosts", i], `is a wildcard (${fullHost}), which names no single service; list the services instead`);
    const host = shortHostName(fullHost, context.serviceNames);
    if (!hosts.has(host)) hosts.set(host, ["spec", "hosts", i]);
  });
  return [...hosts].map(([host, hostPath]) => ({ ...parts, host, hostPath }));
}

// --- internal ---

const MIRROR = "mirrors calls to another service, which traffic rules cannot express";
const BY_PATH = "matches on the request line, while traffic rules match exact headers only";
const BY_CALLER = "matches on the caller, while a traffic rule applies to every caller";

function readHttpRoute(reader: ManifestReader, path: FieldPath, value: unknown, context: ImportContext, part: Pick<RoutePart, "subsets" | "wholeHosts">): RawRoute[] {
  const route = reader.object(path, value, {
    read: ["name", "match", "route", "timeout", "retries", "fault", "rewrite"],
    ignore: { corsPolicy: "", headers: "header changes cost no time in the simulation" },
    refuse: {
      mirror: MIRROR,
      mirrors: MIRROR,
      mirrorPercent: MIRROR,
      mirrorPercentage: MIRROR,
      mirror_percent: MIRROR,
      redirect: "answers with a redirect instead of routing, which traffic rules cannot express",
      directResponse: "answers without calling a backend, which traffic rules cannot express",
      delegate: "hands the route to another VirtualService, which traffic import does not follow",
    },
  });
  const notes: string[] = [];
  const name = reader.optionalString([...path, "name"], route.name);
  if (name) notes.push(`route ${name}`);
  readRewrite(reader, [...path, "rewrite"], route.rewrite);
  const destinations = reader.list([...path, "route"], route.route);
  if (destinations.length === 0) reader.fail([...path, "route"], "is missing: an HTTP route without destinations (and no redirect) answers nothing");
  const backends = destinations.flatMap((destination, k) => readDestination(reader, [...path, "route", k], destination, destinations.length, context, part));
  requirePositiveWeight(reader, [...path, "route"], backends, "gives every destination weight 0, so Istio answers every call with an error, which traffic rules cannot express");

  const timeout = readGoDuration(reader, [...path, "timeout"], route.timeout);
  if (timeout === 0) notes.push("timeout 0s: no timeout");
  const retries = readRetries(reader, [...path, "retries"], route.retries, notes);
  const fault = readFault(reader, [...path, "fault"], route.fault, notes);
  const shared: Omit<RawRoute, "match"> = {
    backends,
    ...(timeout ? { timeoutMs: timeout } : {}),
    ...(retries ? { retries } : {}),
    ...(fault ? { fault } : {}),
  };
  const matches = reader.list([...path, "match"], route.match);
  if (matches.length === 0) return [withNote({ ...shared }, notes)];
  return matches.map((match, j) => {
    const { headers, name: matchName } = readMatch(reader, [...path, "match", j], match);
    const matchNotes = matchName ? [...notes, `match ${matchName}`] : notes;
    return withNote({ ...(Object.keys(headers).length > 0 ? { match: { headers } } : {}), ...structuredClone(shared) }, matchNotes);
  });
}

function withNote(route: RawRoute, notes: string[]): RawRoute {
  return notes.length > 0 ? { ...route, note: notes.join("; ") } : route;
}

function readRewrite(reader: ManifestReader, path: FieldPath, value: unknown): void {
  const rewrite = reader.optionalObject(path, value, {
    read: ["authority"],
    ignore: { uri: "the path plays no part in a simulated call", uriRegexRewrite: "the path plays no part in a simulated call" },
  });
  if (rewrite?.authority) reader.fail([...path, "authority"], "rewrites the Host header, which can change where the call goes; traffic rules cannot express it");
}

function readMatch(reader: ManifestReader, path: FieldPath, value: unknown): { headers: Record<string, string>; name?: string } {
  const match = reader.object(path, value, {
    read: ["headers", "name"],
    accept: ["port"],
    ignore: { ignoreUriCase: "there is no uri match", statPrefix: "" },
    refuse: {
      uri: BY_PATH,
      scheme: BY_PATH,
      method: BY_PATH,
      authority: "matches on the Host header, while traffic rules match the host by name",
      queryParams: BY_PATH,
      withoutHeaders: "matches on headers being absent, while traffic rules match exact header values only",
      sourceLabels: BY_CALLER,
      sourceNamespace: BY_CALLER,
      gateways: "limits the match to some gateways, which traffic import does not follow",
    },
  });
  const headers: Record<string, string> = {};
  const given = reader.optionalObject([...path, "headers"], match.headers, { accept: Object.keys((match.headers as object | null) ?? {}) }) ?? {};
  for (const [header, condition] of Object.entries(given)) {
    const at = [...path, "headers", header];
    const kinds = reader.object(at, condition, {
      read: ["exact"],
      refuse: { prefix: "is a prefix match; traffic rules match exact header values only", regex: "is a regex match; traffic rules match exact header values only" },
    });
    // HTTP/2 (and Istio) header names are lowercase; request types are matched on lowercase names.
    headers[header.toLowerCase()] = reader.string([...at, "exact"], kinds.exact);
  }
  const name = reader.optionalString([...path, "name"], match.name);
  return { headers, ...(name ? { name } : {}) };
}

function readDestination(
  reader: ManifestReader,
  path: FieldPath,
  value: unknown,
  count: number,
  context: ImportContext,
  part: Pick<RoutePart, "subsets" | "wholeHosts">,
): RawBackend[] {
  const entry = reader.object(path, value, { read: ["destination", "weight"], ignore: { headers: "header changes cost no time in the simulation" } });
  // One destination takes every call whatever its weight; with several, a missing weight is 0.
  const weight = count === 1 ? undefined : (reader.optionalNumber([...path, "weight"], entry.weight, { minimum: 0, integer: true }) ?? 0);
  const destination = reader.object([...path, "destination"], entry.destination, { read: ["host", "subset"], accept: ["port"] });
  const host = shortHostName(reader.string([...path, "destination", "host"], destination.host), context.serviceNames);
  const subset = reader.optionalString([...path, "destination", "subset"], destination.subset);
  if (subset === undefined) {
    if (!part.wholeHosts.includes(host)) part.wholeHosts.push(host);
    return backendsFor(reader, [...path, "destination", "host"], host, weight, context);
  }
  const subsetPath = [...path, "destination", "subset"];
  const rule = context.destinationRule(host);
  const defined = rule?.subsets.find((candidate) => candidate.name === subset);
  if (rule && !defined) {
    const names = rule.subsets.map((candidate) => candidate.name);
    reader.fail(subsetPath, `names subset ${subset} of ${host}, which ${rule.reader.citation()} does not define (${names.length > 0 ? `it defines ${names.join(", ")}` : "it defines no subsets"})`);
  }
  const lookup = serviceForSubset(host, subset, defined?.labels, context.services);
  if ("problem" in lookup) {
    const where = rule ? "" : " (no imported DestinationRule defines it)";
    reader.fail(subsetPath, `names subset ${subset} of ${host}${where}, but ${lookup.problem}`);
  }
  part.subsets.push({ host, subset, path: subsetPath });
  return [{ service: lookup.service, ...(weight !== undefined ? { weight } : {}) }];
}

function readRetries(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[]): RawRetries | undefined {
  const retries = reader.optionalObject(path, value, {
    read: ["attempts", "perTryTimeout", "retryOn", "backoff"],
    ignore: {
      retryRemoteLocalities: "retries are not steered by zone (cluster.zones balances every try the same way)",
      retryIgnorePreviousHosts: "the load balancer picks each retry's replica",
    },
  });
  if (!retries) return undefined;
  const attempts = reader.number([...path, "attempts"], retries.attempts ?? 0, { minimum: 0, maximum: 100, integer: true });
  if (attempts === 0) return { attempts: 0 };
  const retryOn = reader.optionalString([...path, "retryOn"], retries.retryOn);
  const conditions = retryOn === undefined ? ISTIO_DEFAULT_RETRY_ON : retryOn.split(",");
  const mapped = mapRetryConditions(conditions);
  if (retryOn === undefined) {
    notes.push(`retryOn not given: Istio's default ${ISTIO_DEFAULT_RETRY_ON.join(",")} taken as ${mapped.retryOn.join(",")}`);
  } else {
    reportRetryMapping(reader, [...path, "retryOn"], mapped, notes);
  }
  const perTry = readGoDuration(reader, [...path, "perTryTimeout"], retries.perTryTimeout);
  const backoff = readGoDuration(reader, [...path, "backoff"], retries.backoff);
  return {
    attempts,
    ...(perTry ? { perTryTimeoutMs: perTry } : {}),
    retryOn: mapped.retryOn,
    ...(backoff !== undefined ? { backoffMs: backoff } : {}),
  };
}

function readFault(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[]): RawFault | undefined {
  const fault = reader.optionalObject(path, value, { read: ["delay", "abort"] });
  if (!fault) return undefined;
  const result: RawFault = {};
  const delay = reader.optionalObject([...path, "delay"], fault.delay, {
    read: ["fixedDelay", "percentage", "percent"],
    refuse: { exponentialDelay: "is an exponential delay, which Istio does not implement either" },
  });
  if (delay) {
    const fixedDelayMs = readGoDuration(reader, [...path, "delay", "fixedDelay"], delay.fixedDelay);
    if (fixedDelayMs === undefined) reader.fail([...path, "delay", "fixedDelay"], "is missing: a delay fault needs fixedDelay");
    result.delay = { percent: readPercent(reader, [...path, "delay"], delay, "delay", notes), fixedDelayMs };
  }
  const abort = reader.optionalObject([...path, "abort"], fault.abort, {
    read: ["httpStatus", "percentage", "percent"],
    refuse: {
      grpcStatus: "aborts with a gRPC status, while a traffic rule aborts with an HTTP status",
      http2Error: "aborts with an HTTP/2 error, while a traffic rule aborts with an HTTP status",
    },
  });
  if (abort) {
    const status = reader.number([...path, "abort", "httpStatus"], abort.httpStatus, { minimum: 400, maximum: 599, integer: true });
    result.abort = { percent: readPercent(reader, [...path, "abort"], abort, "abort", notes), status };
  }
  return result;
}

/** `percentage.value` (a double), or the deprecated integer `percent`; neither means 0 in Istio. */
function readPercent(reader: ManifestReader, path: FieldPath, fault: Record<string, unknown>, what: string, notes: string[]): number {
  const percentage = reader.optionalObject([...path, "percentage"], fault.percentage, { read: ["value"] });
  const value = reader.optionalNumber([...path, "percentage", "value"], percentage?.value, { minimum: 0, maximum: 100 });
  const percent = reader.optionalNumber([...path, "percent"], fault.percent, { minimum: 0, maximum: 100, integer: true });
  if (value === undefined && percent === undefined) {
    notes.push(`fault ${what} without a percentage: Istio applies it to no call`);
    return 0;
  }
  return value ?? percent!;
}

/** The host of the first destination of http[last], for gateway-only VirtualServices. */
function lastDestinationHost(reader: ManifestReader, last: number, context: ImportContext): string | undefined {
  const http = (reader.manifest.value.spec as { http: Array<{ route?: Array<{ destination?: { host?: unknown } }> }> }).http;
  const host = http[last]?.route?.[0]?.destination?.host;
  return typeof host === "string" ? shortHostName(host, context.serviceNames) : undefined;
}
