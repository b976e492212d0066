/**
 * Gateway API HTTPRoute (gateway.networking.k8s.io v1, v1beta1, v1alpha2) and Linkerd's
 * policy.linkerd.io HTTPRoute (same shape) to routes: exact header matches, weighted Service
 * backends, request and backend-request timeouts, retries (the experimental `retry` field or
 * Linkerd's annotations), in Gateway API's match precedence.
 *
 * Host: a GAMMA route (parentRefs of kind Service) applies to calls to each parent Service. A
 * route attached to Gateways (ingress) applies to the calls its default rule sends on: its host
 * is the first backendRef of the least specific route (the catch-all), because a scenario's
 * traffic enters at a service (requestTypes[].entry) and the route's external hostnames name
 * none. Routes of a Linkerd Server (inbound authorization routes) route nothing and are skipped.
 */

import { ManifestReader } from "./_manifest-reader.js";
import { readHttpMatch } from "./_http-match.js";
import { backendsFor, readGatewayDuration, reportRetryMapping, requirePositiveWeight, type ImportContext, type RoutePart } from "./_rule-parts.js";
import { shortHostName } from "./host-names.js";
import { LINKERD_ANNOTATIONS, readLinkerdAnnotations, type LinkerdRouteSettings } from "./linkerd-annotations.js";
import type { FieldPath, Manifest } from "./read-manifests.js";
import type { RawBackend, RawRetries, RawRoute } from "../../scenario/index.js";
import { mapRetryConditions } from "./retry-conditions.js";

export interface ConvertedHttpRoute {
  parts: RoutePart[];
  /** Set when the route takes no part in the callers' routing ("file: HTTPRoute x (why)"). */
  skipped?: string;
}

/**
 * Converts one HTTPRoute.
 * @throws ScenarioError naming the field for what routes cannot express (path, method and query
 *   matches, regex headers, mirrors, redirects, non-Service backends, mixed parent kinds, ...)
 * @example fromHttpRoute(manifest, context).parts[0].host // "reviews"
 */
export function fromHttpRoute(manifest: Manifest, context: ImportContext): ConvertedHttpRoute {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  const annotations = reader.readMetadata(LINKERD_ANNOTATIONS);
  const spec = reader.object(["spec"], manifest.value.spec, { read: ["parentRefs", "hostnames", "rules"] });
  const parents = readParents(reader, spec.parentRefs, context);
  if (parents.services.length === 0 && parents.gateways.length === 0) {
    return { parts: [], skipped: `${reader.source} (inbound route of a Linkerd Server: it routes no call)` };
  }

  const routeNotes: string[] = [];
  const linkerd = readLinkerdAnnotations(reader, annotations, routeNotes);
  const rules = reader.list(["spec", "rules"], spec.rules);
  if (rules.length === 0) reader.fail(["spec", "rules"], "is missing: a route without rules sends calls nowhere");
  const part: Omit<RoutePart, "host" | "hostPath"> = { reader, routes: [], subsets: [], wholeHosts: [] };
  const ranked: RankedRoute[] = rules.flatMap((rule, i) => readRule(reader, ["spec", "rules", i], rule, context, linkerd, routeNotes, part));
  // Gateway API precedence among header-only matches: more header matches first, then rule order.
  ranked.sort((a, b) => headerCount(b.route) - headerCount(a.route) || a.order - b.order);
  part.routes = ranked.map((entry) => entry.route);

  const hostnames = reader.list(["spec", "hostnames"], spec.hostnames);
  if (parents.gateways.length > 0) {
    const host = ranked[ranked.length - 1].defaultName;
    if (hostnames.length > 0) reader.ignore(["spec", "hostnames"], `ingress host names: the rule applies to calls to ${host}, the default backend`);
    reader.note(`attached to Gateway ${parents.gateways.join(", ")}: applied to calls to ${host}, its default backend`);
    return { parts: [{ ...part, host, hostPath: ["spec", "parentRefs"] }] };
  }
  if (hostnames.length > 0) reader.ignore(["spec", "hostnames"], "a mesh route applies to every call to its parent Service");
  return { parts: parents.services.map(({ host, path }) => ({ ...part, host, hostPath: path })) };
}

// --- internal ---

/** A route with what precedence and the Gateway host need. */
interface RankedRoute {
  route: RawRoute;
  /** Rule index then match index, for the stable tie-break. */
  order: number;
  /** The first backendRef's name as written (before expanding an app label). */
  defaultName: string;
}

const MIRROR = "mirrors calls to another service, which traffic rules cannot express";

function readParents(reader: ManifestReader, value: unknown, context: ImportContext): { services: Array<{ host: string; path: FieldPath }>; gateways: string[] } {
  const refs = reader.list(["spec", "parentRefs"], value);
  if (refs.length === 0) reader.fail(["spec", "parentRefs"], "is missing: a route without parents applies to no call");
  const services: Array<{ host: string; path: FieldPath }> = [];
  const gateways: string[] = [];
  const servers: string[] = [];
  refs.forEach((ref, i) => {
    const path = ["spec", "parentRefs", i];
    const parent = reader.object(path, ref, { read: ["group", "kind", "name"], accept: ["namespace", "port", "sectionName"] });
    const name = reader.string([...path, "name"], parent.name);
    const kind = reader.optionalString([...path, "kind"], parent.kind) ?? "Gateway";
    const group = typeof parent.group === "string" ? parent.group : "gateway.networking.k8s.io";
    if (kind === "Service" && (group === "" || group === "core")) {
      const host = shortHostName(name, context.serviceNames);
      if (!services.some((service) => service.host === host)) services.push({ host, path: [...path, "name"] });
    } else if (kind === "Gateway") {
      gateways.push(name);
    } else if (kind === "Server" && group === "policy.linkerd.io") {
      servers.push(name);
    } else if (kind === "Service" && parent.group === undefined) {
      reader.fail([...path, "group"], 'is missing, so Gateway API reads gateway.networking.k8s.io and the route attaches to no Service; set group: "" (core)');
    } else {
      reader.fail([...path, "kind"], `is ${kind} (group ${JSON.stringify(group)}); traffic import reads routes whose parents are Services (mesh) or Gateways (ingress)`);
    }
  });
  const kinds = [services.length > 0, gateways.length > 0, servers.length > 0].filter(Boolean).length;
  if (kinds > 1) {
    reader.fail(["spec", "parentRefs"], "mixes Service, Gateway and Server parents; split it into one route per kind of parent (mesh, ingress, inbound)");
  }
  return { services, gateways };
}

function readRule(
  reader: ManifestReader,
  path: FieldPath,
  value: unknown,
  context: ImportContext,
  linkerd: LinkerdRouteSettings,
  routeNotes: readonly string[],
  part: Pick<RoutePart, "wholeHosts">,
): RankedRoute[] {
  const rule = reader.object(path, value, {
    read: ["name", "matches", "backendRefs", "timeouts", "filters", "retry"],
    refuse: { sessionPersistence: "pins sessions to replicas, which no load balancer of the simulation does" },
  });
  const notes = [...routeNotes];
  const name = reader.optionalString([...path, "name"], rule.name);
  if (name) notes.unshift(`rule ${name}`);
  readFilters(reader, [...path, "filters"], rule.filters);

  const refs = reader.list([...path, "backendRefs"], rule.backendRefs);
  if (refs.length === 0) reader.fail([...path, "backendRefs"], "is missing: Gateway API answers 500 to calls a rule has no backend for, which traffic rules cannot express");
  const names: string[] = [];
  const backends: RawBackend[] = refs.flatMap((ref, k) => {
    const at = [...path, "backendRefs", k];
    const backend = reader.object(at, ref, { read: ["name", "kind", "group", "weight", "filters"], accept: ["namespace", "port"] });
    const kind = reader.optionalString([...at, "kind"], backend.kind) ?? "Service";
    const group = typeof backend.group === "string" ? backend.group : "";
    if (kind !== "Service" || (group !== "" && group !== "core")) reader.fail([...at, "kind"], `is ${kind}; traffic import routes to Services only`);
    readFilters(reader, [...at, "filters"], backend.filters);
    const service = shortHostName(reader.string([...at, "name"], backend.name), context.serviceNames);
    names.push(service);
    if (!part.wholeHosts.includes(service)) part.wholeHosts.push(service);
    const weight = reader.optionalNumber([...at, "weight"], backend.weight, { minimum: 0, maximum: 1_000_000, integer: true });
    return backendsFor(reader, [...at, "name"], service, weight, context);
  });
  requirePositiveWeight(reader, [...path, "backendRefs"], backends, "gives every backend weight 0, so Gateway API answers 500 to every call, which traffic rules cannot express");

  const timing = readTiming(reader, path, rule, linkerd, notes);
  const matches = reader.list([...path, "matches"], rule.matches);
  const base = (path[path.length - 1] as number) * 1000;
  const make = (headers: Record<string, string>, order: number): RankedRoute => {
    const route: RawRoute = {
      ...(Object.keys(headers).length > 0 ? { match: { headers } } : {}),
      backends: structuredClone(backends),
      ...structuredClone(timing),
      ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
    };
    return { route, order, defaultName: names[0] };
  };
  if (matches.length === 0) return [make({}, base)];
  return matches.map((match, j) => make(readHttpMatch(reader, [...path, "matches", j], match, { pathDefaults: true, repeatedHeader: "first" }), base + j));
}

function readFilters(reader: ManifestReader, path: FieldPath, value: unknown): void {
  reader.list(path, value).forEach((entry, k) => {
    const at = [...path, k];
    const filter = reader.object(at, entry, {
      read: ["type", "urlRewrite"],
      accept: ["requestHeaderModifier", "responseHeaderModifier", "cors", "requestMirror", "requestRedirect", "extensionRef"],
    });
    const type = reader.string([...at, "type"], filter.type);
    if (type === "RequestHeaderModifier" || type === "ResponseHeaderModifier") reader.ignore(at, `${type}: header changes cost no time in the simulation`);
    else if (type === "CORS") reader.ignore(at, "CORS");
    else if (type === "RequestMirror") reader.fail(at, MIRROR);
    else if (type === "RequestRedirect") reader.fail(at, "answers with a redirect instead of routing, which traffic rules cannot express");
    else if (type === "ExtensionRef") reader.fail(at, "runs an implementation-specific filter whose effect on traffic is unknown");
    else if (type === "URLRewrite") readUrlRewrite(reader, [...at, "urlRewrite"], filter.urlRewrite, at);
    else reader.fail([...at, "type"], `is ${type}, a filter traffic import does not know`);
  });
}

function readUrlRewrite(reader: ManifestReader, path: FieldPath, value: unknown, filterPath: FieldPath): void {
  const rewrite = reader.optionalObject(path, value, { read: ["hostname"], accept: ["path"] });
  if (rewrite?.hostname) reader.fail([...path, "hostname"], "rewrites the Host header, which can change where the call goes; traffic rules cannot express it");
  reader.ignore(filterPath, "URLRewrite of the path: the path plays no part in a simulated call");
}

/** Timeouts and retries of a rule: spec fields first, Linkerd's annotations where they are absent. */
function readTiming(reader: ManifestReader, path: FieldPath, rule: Record<string, unknown>, linkerd: LinkerdRouteSettings, notes: string[]): Pick<RawRoute, "timeoutMs" | "retries"> {
  const timeouts = reader.optionalObject([...path, "timeouts"], rule.timeouts, { read: ["request", "backendRequest"] });
  const request = readGatewayDuration(reader, [...path, "timeouts", "request"], timeouts?.request);
  const backendRequest = readGatewayDuration(reader, [...path, "timeouts", "backendRequest"], timeouts?.backendRequest);
  // Gateway API: a zero duration turns the timeout off.
  if (request === 0 || backendRequest === 0) notes.push("timeout 0s: no timeout");
  const requestMs = request === undefined ? linkerd.requestTimeoutMs : request || undefined;
  const tryMs = backendRequest === undefined ? linkerd.responseTimeoutMs : backendRequest || undefined;
  if (requestMs !== undefined && tryMs !== undefined && tryMs > requestMs) {
    reader.fail([...path, "timeouts", "backendRequest"], `is ${tryMs} ms, longer than the request timeout of ${requestMs} ms; Gateway API requires backendRequest <= request`);
  }
  const retries = readRetry(reader, [...path, "retry"], rule.retry, notes) ?? (linkerd.retries ? structuredClone(linkerd.retries) : undefined);
  if (retries && retries.attempts > 0) {
    const perTry = tryMs ?? retries.perTryTimeoutMs;
    return { ...(requestMs !== undefined ? { timeoutMs: requestMs } : {}), retries: { ...retries, ...(perTry !== undefined ? { perTryTimeoutMs: perTry } : {}) } };
  }
  // Without retries a call makes one try, so the shorter of the two deadlines is the call's.
  const deadlines = [requestMs, tryMs].filter((ms): ms is number => ms !== undefined);
  return {
    ...(deadlines.length > 0 ? { timeoutMs: Math.min(...deadlines) } : {}),
    ...(retries ? { retries } : {}),
  };
}

/** Gateway API's experimental `retry` (GEP-1731): attempts, codes, backoff. */
function readRetry(reader: ManifestReader, path: FieldPath, value: unknown, notes: string[]): RawRetries | undefined {
  const retry = reader.optionalObject(path, value, { read: ["attempts", "codes", "backoff"] });
  if (!retry) return undefined;
  const given = reader.optionalNumber([...path, "attempts"], retry.attempts, { minimum: 0, maximum: 100, integer: true });
  if (given === undefined) notes.push("retry.attempts not given: 1 retry assumed (Gateway API leaves the default to the implementation)");
  const attempts = given ?? 1;
  const codes = reader.list([...path, "codes"], retry.codes).map((code, k) => reader.number([...path, "codes", k], code, { minimum: 400, maximum: 599, integer: true }));
  const backoff = readGatewayDuration(reader, [...path, "backoff"], retry.backoff);
  let retryOn: RawRetries["retryOn"];
  if (codes.length > 0) {
    const mapped = mapRetryConditions(codes.map(String));
    reportRetryMapping(reader, [...path, "codes"], mapped, notes);
    retryOn = mapped.retryOn;
  } else {
    notes.push("retry.codes not given: the scenario's default retry conditions apply");
  }
  return { attempts, ...(retryOn ? { retryOn } : {}), ...(backoff !== undefined ? { backoffMs: backoff } : {}) };
}

function headerCount(route: RawRoute): number {
  return Object.keys(route.match?.headers ?? {}).length;
}
