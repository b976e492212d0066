/**
 * The importer's entry: reads Kubernetes manifest files, converts the traffic resources it knows
 * (HTTPRoute, TrafficSplit, VirtualService, DestinationRule, Linkerd's ServiceProfile, Kuma's
 * policies, Consul's ServiceRouter, ServiceSplitter, ServiceResolver and ServiceDefaults), refuses the
 * traffic resources it cannot express, and lists every other object (Deployments, Services, ...) as skipped.
 */

import type { ConvertedResource, ImportContext, PolicyPart, RoutePart } from "./_rule-parts.js";
import { CONSUL_CHAIN_KINDS, convertConsulEntries } from "./consul/consul-chain.js";
import { fromDestinationRule } from "./from-destination-rule.js";
import { fromHttpRoute } from "./from-http-route.js";
import { fromServiceProfile } from "./from-service-profile.js";
import { fromTrafficSplit } from "./from-traffic-split.js";
import { fromVirtualService } from "./from-virtual-service.js";
import { importKumaPolicies } from "./kuma/kuma-policies.js";
import { mergeRules } from "./merge-rules.js";
import type { RawTrafficRule } from "../../scenario/index.js";
import { readManifests, type Manifest } from "./read-manifests.js";
import type { ScenarioService } from "./subset-services.js";
import { ScenarioError } from "../../scenario/index.js";

export interface ImportedTraffic {
  /** One rule per host, in the order hosts first appear in the files. */
  rules: RawTrafficRule[];
  /** Objects without traffic rules, as "file: Deployment reviews-v1", for the CLI to warn about. */
  skipped: string[];
}

/**
 * Imports the traffic configuration in `files` (multi-document YAML; `kind: List` is expanded)
 * for a scenario whose services are `services`. A host's route resource and DestinationRule
 * combine into one rule even across files.
 * @throws ScenarioError naming file, object, field and line for unreadable files, YAML errors,
 *   traffic resources or fields a rule cannot express, unknown subsets and services, and two
 *   resources of one kind for one host
 * @example importTrafficConfig(["reviews.yaml"], [{ name: "reviews-v1", labels: { app: "reviews", version: "v1" } }]).rules[0].host // "reviews"
 */
export function importTrafficConfig(files: string[], services: Array<{ name: string; labels?: Record<string, string> }>): ImportedTraffic {
  const skipped: string[] = [];
  const manifests = files.flatMap((file) => readManifests(file));
  const convert: Manifest[] = [];
  for (const manifest of manifests) {
    const handling = handlingOf(manifest);
    if (handling === "skip") skipped.push(`${manifest.file}: ${manifest.kind} ${manifest.name}`);
    else if (handling === "convert") convert.push(manifest);
    else throw new ScenarioError(manifest.file, `${manifest.kind} ${manifest.name}${lineText(manifest)}`, handling.problem);
  }

  const catalog: readonly ScenarioService[] = services;
  const serviceNames = new Set(services.map((service) => service.name));
  // DestinationRules first: VirtualServices look their subsets up, whichever file holds them.
  const policies = new Map<Manifest, PolicyPart>();
  const firstRuleOfHost = new Map<string, PolicyPart>();
  for (const manifest of convert) {
    if (manifest.kind !== "DestinationRule") continue;
    const part = fromDestinationRule(manifest, { serviceNames });
    policies.set(manifest, part);
    if (!firstRuleOfHost.has(part.host)) firstRuleOfHost.set(part.host, part);
  }
  const context: ImportContext = { services: catalog, serviceNames, destinationRule: (host) => firstRuleOfHost.get(host) };

  const consul = convertConsulEntries(convert, context);
  const parts: Array<RoutePart | PolicyPart> = [];
  for (const manifest of convert) {
    if (manifest.kind === "DestinationRule") parts.push(policies.get(manifest)!);
    else if (manifest.kind === "VirtualService") parts.push(...fromVirtualService(manifest, context));
    else if (manifest.group === "kuma.io") continue;
    else {
      const converted = CONSUL_CHAIN_KINDS.includes(manifest.kind) ? consul.get(manifest)! : (lookUp(OTHER_CONVERTERS, manifest.kind)?.(manifest, context) ?? fromHttpRoute(manifest, context));
      if (converted.skipped) skipped.push(converted.skipped);
      parts.push(...converted.parts);
    }
  }
  const kuma = importKumaPolicies(convert.filter((manifest) => manifest.group === "kuma.io"), context);
  const merged = mergeRules([...parts, ...kuma.parts], context);
  return { rules: merged.rules, skipped: [...skipped, ...kuma.skipped, ...merged.skipped] };
}

// --- internal ---

/** Kinds converted, by API group, with the versions read. */
const CONVERTED: Record<string, Record<string, readonly string[]>> = {
  "gateway.networking.k8s.io": { HTTPRoute: ["v1", "v1beta1", "v1alpha2"] },
  "policy.linkerd.io": { HTTPRoute: ["v1beta3", "v1beta2", "v1beta1", "v1alpha1"] },
  "split.smi-spec.io": { TrafficSplit: ["v1alpha4", "v1alpha3", "v1alpha2", "v1alpha1"] },
  "networking.istio.io": { VirtualService: ["v1", "v1beta1", "v1alpha3"], DestinationRule: ["v1", "v1beta1", "v1alpha3"] },
  "kuma.io": {
    MeshHTTPRoute: ["v1alpha1"],
    MeshRetry: ["v1alpha1"],
    MeshTimeout: ["v1alpha1"],
    MeshFaultInjection: ["v1alpha1"],
    MeshCircuitBreaker: ["v1alpha1"],
    MeshLoadBalancingStrategy: ["v1alpha1"],
  },
  "consul.hashicorp.com": { ServiceResolver: ["v1alpha1"], ServiceRouter: ["v1alpha1"], ServiceSplitter: ["v1alpha1"], ServiceDefaults: ["v1alpha1"] },
  "linkerd.io": { ServiceProfile: ["v1alpha2"] },
};

/** Converters of one resource into parts, besides Consul's chain (HTTPRoute's is the fallback). */
const OTHER_CONVERTERS: Record<string, ((manifest: Manifest, context: ImportContext) => ConvertedResource) | undefined> = {
  TrafficSplit: fromTrafficSplit,
  ServiceProfile: fromServiceProfile,
};

const LEGACY_KUMA_POLICY = "is one of Kuma's legacy policies, which traffic import does not read; it reads their successors (MeshHTTPRoute, MeshRetry, MeshTimeout, MeshCircuitBreaker, MeshFaultInjection)";

/** Traffic kinds that change calls in ways a rule cannot express: refused, not skipped. */
const REFUSED: Record<string, Record<string, string>> = {
  "gateway.networking.k8s.io": {
    GRPCRoute: "is a gRPC route; traffic import reads HTTPRoutes (write the rule in the scenario's traffic list)",
    TCPRoute: "routes TCP connections, which traffic rules (HTTP routes) cannot express",
    TLSRoute: "routes TLS connections by SNI, which traffic rules (HTTP routes) cannot express",
    UDPRoute: "routes UDP, which the simulation does not carry",
    BackendLBPolicy: "sets session persistence, which no load balancer of the simulation does",
    BackendTLSPolicy: "originates TLS to a backend, which the simulation does not model",
  },
  "gateway.networking.x-k8s.io": {
    XBackendTrafficPolicy: "sets a retry budget by concurrency, which traffic import does not read (write retryBudget in the scenario's traffic list)",
  },
  "networking.istio.io": {
    EnvoyFilter: "patches the proxies' Envoy configuration, whose effect on traffic is unknown",
  },
  "policy.linkerd.io": {
    GRPCRoute: "is a gRPC route; traffic import reads HTTPRoutes (write the rule in the scenario's traffic list)",
    HTTPLocalRateLimitPolicy: "limits a Server's rate, which traffic import does not read (write rateLimit in the scenario's traffic list)",
  },
  "kuma.io": {
    MeshTCPRoute: "routes TCP connections, which traffic rules (HTTP routes) cannot express",
    MeshProxyPatch: "patches the proxies' Envoy configuration, whose effect on traffic is unknown",
    MeshRateLimit: "limits the rate of calls, which traffic import does not read (write rateLimit in the scenario's traffic list)",
    MeshHealthCheck: "ejects endpoints by active health checks, which the simulation does not model",
    TrafficRoute: LEGACY_KUMA_POLICY,
    Retry: LEGACY_KUMA_POLICY,
    Timeout: LEGACY_KUMA_POLICY,
    CircuitBreaker: LEGACY_KUMA_POLICY,
    FaultInjection: LEGACY_KUMA_POLICY,
    HealthCheck: LEGACY_KUMA_POLICY,
    RateLimit: LEGACY_KUMA_POLICY,
  },
};

function handlingOf(manifest: Manifest): "convert" | "skip" | { problem: string } {
  const versions = lookUp(lookUp(CONVERTED, manifest.group), manifest.kind);
  if (versions) {
    if (versions.includes(manifest.version)) return "convert";
    return { problem: `has apiVersion ${manifest.apiVersion}; traffic import reads ${manifest.kind} ${versions.map((version) => `${manifest.group}/${version}`).join(", ")}` };
  }
  const refused = lookUp(lookUp(REFUSED, manifest.group), manifest.kind);
  return refused ? { problem: refused } : "skip";
}

/** `table[key]` for own keys only: a kind named "constructor" must not find Object's. */
function lookUp<T>(table: Record<string, T> | undefined, key: string): T | undefined {
  return table && Object.hasOwn(table, key) ? table[key] : undefined;
}

function lineText(manifest: Manifest): string {
  const line = manifest.lineOf(["kind"]);
  return line ? ` (line ${line})` : "";
}
