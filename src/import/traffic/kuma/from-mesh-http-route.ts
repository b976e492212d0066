/**
 * Kuma MeshHTTPRoute (kuma.io v1alpha1) to routes of calls to each MeshService its `to[]` names:
 * exact header matches and weighted backendRefs (MeshService, or MeshServiceSubset by tags), more
 * header matches first, and calls no rule matches going to the service itself, as Kuma keeps a
 * default route to the destination. Fields from the policy's API (github.com/kumahq/kuma,
 * pkg/plugins/policies/meshhttproute/api/v1alpha1/meshhttproute.go) and its reference
 * (developer.konghq.com/mesh/policies/meshhttproute).
 */

import type { ManifestReader } from "../_manifest-reader.js";
import { readHttpMatch } from "../_http-match.js";
import { readServiceName } from "./_kuma-target-refs.js";
import { readKumaPolicy, type ConvertedKumaPolicy } from "./_kuma-policy-reader.js";
import { backendsFor, requirePositiveWeight, type ImportContext } from "../_rule-parts.js";
import type { KumaSettings } from "./combine-kuma-policies.js";
import type { FieldPath, Manifest } from "../read-manifests.js";
import type { RawBackend, RawRoute } from "../../../scenario/index.js";
import { serviceForSubset } from "../subset-services.js";

/**
 * Converts one MeshHTTPRoute into an entry per MeshService it routes calls to.
 * @throws ScenarioError naming the field for what routes cannot express: callers other than the
 *   whole mesh, path (other than prefix /), method and query matches, non-exact headers, mirrors,
 *   redirects, Host rewrites, backends that are no service, routes for every service (kind Mesh)
 * @example fromMeshHttpRoute(manifest, context).entries[0].settings.routes?.routes[0].backends // [{ service: "backend-v1", weight: 90 }, ...]
 */
export function fromMeshHttpRoute(manifest: Manifest, context: ImportContext): ConvertedKumaPolicy {
  return readKumaPolicy(manifest, context, {
    toFields: ["rules", "hostnames"],
    readConf: (reader, path, _conf, destination) => {
      if (destination.meshWide) reader.fail(destination.hostPath, "is Mesh: routes for calls to every service name no backends of their own; name the MeshService");
      const to = path.slice(0, -1);
      return readRules(reader, to, context, destination.host);
    },
  });
}

// --- internal ---

const MIRROR = "mirrors calls to another service, which traffic rules cannot express";

/** A MeshHTTPRoute's to[] entry carries `rules` beside targetRef rather than a `default`. */
function readRules(reader: ManifestReader, toPath: FieldPath, context: ImportContext, host: string): KumaSettings {
  const to = readToEntry(reader, toPath);
  const rules = reader.list([...toPath, "rules"], to.rules);
  if (rules.length === 0) reader.fail([...toPath, "rules"], "is missing: a MeshHTTPRoute entry without rules routes nothing");
  const wholeHosts: string[] = [];
  const ranked = rules.flatMap((rule, i) => readRule(reader, [...toPath, "rules", i], rule, context, host, wholeHosts).map((route, j) => ({ route, order: i * 1000 + j })));
  ranked.sort((a, b) => headerCount(b.route) - headerCount(a.route) || a.order - b.order);
  const routes = ranked.map((entry) => entry.route);
  const notes: string[] = [];
  if (routes.every((route) => route.match)) {
    routes.push({ backends: backendsFor(reader, [...toPath, "targetRef"], host, undefined, context) });
    if (!wholeHosts.includes(host)) wholeHosts.push(host);
    notes.push(`calls to ${host} that no rule matches go to ${host} itself (Kuma's default route)`);
  }
  return { routes: { routes, subsets: [], wholeHosts }, notes };
}

/** The to[] entry as readKumaPolicy left it: targetRef was read, `default` does not exist here. */
function readToEntry(reader: ManifestReader, path: FieldPath): Record<string, unknown> {
  let value: unknown = reader.manifest.value;
  for (const segment of path) value = (value as Record<string | number, unknown>)[segment];
  return reader.object(path, value, { read: ["targetRef", "rules"], ignore: { hostnames: "applies to MeshGateway routes only" } });
}

function readRule(reader: ManifestReader, path: FieldPath, value: unknown, context: ImportContext, host: string, wholeHosts: string[]): RawRoute[] {
  const rule = reader.object(path, value, { read: ["matches", "default"] });
  const conf = reader.object([...path, "default"], rule.default ?? {}, { read: ["filters", "backendRefs"] });
  readFilters(reader, [...path, "default", "filters"], conf.filters);
  const refs = reader.list([...path, "default", "backendRefs"], conf.backendRefs);
  let backends: RawBackend[];
  if (refs.length === 0) {
    // Without backendRefs the rule sends calls to the destination its to[] entry names.
    backends = backendsFor(reader, [...path, "default"], host, undefined, context);
    if (!wholeHosts.includes(host)) wholeHosts.push(host);
  } else {
    backends = refs.flatMap((ref, k) => readBackend(reader, [...path, "default", "backendRefs", k], ref, context, wholeHosts));
    requirePositiveWeight(reader, [...path, "default", "backendRefs"], backends, "gives every backend weight 0, so no call could be sent anywhere");
  }
  const matches = reader.list([...path, "matches"], rule.matches);
  if (matches.length === 0) return [{ backends }];
  return matches.map((match, j) => {
    const headers = readHttpMatch(reader, [...path, "matches", j], match, { pathDefaults: false, repeatedHeader: "last" });
    return { ...(Object.keys(headers).length > 0 ? { match: { headers } } : {}), backends: structuredClone(backends) };
  });
}

function readBackend(reader: ManifestReader, path: FieldPath, value: unknown, context: ImportContext, wholeHosts: string[]): RawBackend[] {
  const ref = reader.object(path, value, { read: ["kind", "name", "labels", "tags", "weight"], accept: ["namespace", "port", "sectionName", "mesh"] });
  const kind = reader.string([...path, "kind"], ref.kind);
  const weight = reader.optionalNumber([...path, "weight"], ref.weight, { minimum: 0, integer: true }) ?? 1;
  if (kind === "MeshService" || kind === "MeshMultiZoneService") {
    const { host, hostPath } = readServiceName(reader, path, ref, context.serviceNames);
    if (!wholeHosts.includes(host)) wholeHosts.push(host);
    return backendsFor(reader, hostPath, host, weight, context);
  }
  if (kind !== "MeshServiceSubset") reader.fail([...path, "kind"], `is ${kind}; traffic import routes to MeshService, MeshMultiZoneService and MeshServiceSubset`);
  const { host } = readServiceName(reader, path, ref, context.serviceNames);
  const tags = reader.stringMap([...path, "tags"], ref.tags);
  const subset = Object.values(tags).join("-") || host;
  const lookup = serviceForSubset(host, subset, tags, context.services);
  if ("problem" in lookup) reader.fail([...path, "tags"], `names the proxies of ${host} tagged ${JSON.stringify(tags)}, but ${lookup.problem}`);
  return [{ service: lookup.service, weight }];
}

function readFilters(reader: ManifestReader, path: FieldPath, value: unknown): void {
  reader.list(path, value).forEach((entry, k) => {
    const at: FieldPath = [...path, k];
    const filter = reader.object(at, entry, {
      read: ["type", "urlRewrite"],
      accept: ["requestHeaderModifier", "responseHeaderModifier", "requestRedirect", "requestMirror"],
    });
    const type = reader.string([...at, "type"], filter.type);
    if (type === "RequestHeaderModifier" || type === "ResponseHeaderModifier") reader.ignore(at, `${type}: header changes cost no time in the simulation`);
    else if (type === "RequestMirror") reader.fail(at, MIRROR);
    else if (type === "RequestRedirect") reader.fail(at, "answers with a redirect instead of routing, which traffic rules cannot express");
    else if (type === "URLRewrite") {
      const rewrite = reader.optionalObject([...at, "urlRewrite"], filter.urlRewrite, { read: ["hostname"], accept: ["path", "hostToBackendHostname"] });
      if (rewrite?.hostname) reader.fail([...at, "urlRewrite", "hostname"], "rewrites the Host header, which can change where the call goes; traffic rules cannot express it");
      reader.ignore(at, "URLRewrite of the path: the path plays no part in a simulated call");
    } else reader.fail([...at, "type"], `is ${type}, a filter traffic import does not know`);
  });
}

function headerCount(route: RawRoute): number {
  return Object.keys(route.match?.headers ?? {}).length;
}
