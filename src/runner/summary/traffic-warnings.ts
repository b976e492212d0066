/**
 * Warnings that explain what the traffic rules did and did not do in a run: above all, calls
 * that bypassed a rule (traffic splitting happens in the caller's proxy, so an unmeshed caller,
 * or a mesh path without an L7 proxy, never sees the split), with where the calls went instead.
 */

import type { CallNode, MeshProfile, Topology } from "../../mesh/index.js";
import { featuresOf, LOAD_GENERATOR } from "../../mesh/index.js";
import type { RunSummary } from "../results/index.js";

export interface TrafficContext {
  topology: Topology;
  l7: boolean;
  clientMeshed: boolean;
  ingressGateway: boolean;
}

/** The run's traffic warnings. */
export function trafficWarnings(run: RunSummary, profile: MeshProfile, context: TrafficContext): string[] {
  const traffic = run.traffic;
  if (!traffic) return [];
  const warnings: string[] = [];
  // Bypassing a rule only changes where calls go when the rule routes (a split or a header
  // route); under no mesh nothing routes, which the comparison already shows.
  const routing = new Set((context.topology.traffic ?? []).filter((rule) => featuresOf(rule).has("split") || featuresOf(rule).has("headerRouting")).map((rule) => rule.host));
  for (const host of traffic.hosts) {
    if (host.bypassed > 0 && routing.has(host.host) && profile.architecture !== "none") {
      const total = host.applied + host.bypassed + host.noRoute;
      const spread = Object.entries(host.byBackend)
        .map(([service, { share }]) => `${service} ${(share * 100).toFixed(1)}%`)
        .join(", ");
      warnings.push(
        `${count(host.bypassed)} of ${count(total)} calls to ${host.host} bypassed its traffic rule (${whyBypassed(host.host, profile, context)}); ` +
          `kube-proxy spread them over every backend's pods: ${spread}`,
      );
    }
    if (host.noRoute > 0) warnings.push(`${count(host.noRoute)} ${plural(host.noRoute, "call", "calls")} to ${host.host} matched no route (404): add a route without a match`);
  }
  if (traffic.retriesDenied > 0) {
    warnings.push(`${count(traffic.retriesDenied)} ${plural(traffic.retriesDenied, "retry was", "retries were")} not made: the retry budget or the client's maxRetries was spent`);
  }
  warnings.push(...localityWarnings(profile, context.topology));
  if (traffic.timeouts > 0) {
    warnings.push(`${count(traffic.timeouts)} ${plural(traffic.timeouts, "try was", "tries were")} abandoned at a timeout; their servers kept working on them (load the caller no longer waits for)`);
  }
  return warnings;
}

// --- internal ---

/** A rule that asks for locality-aware balancing the mesh leaves off (Istio's needs outlier detection). */
function localityWarnings(profile: MeshProfile, topology: Topology): string[] {
  if (!topology.cluster.zones || profile.traffic?.locality?.loadBalancing !== "with-outlier-detection") return [];
  return (topology.traffic ?? [])
    .filter((rule) => rule.localityLoadBalancing === true && !rule.outlierDetection)
    .map(
      (rule) =>
        `${rule.source} asks for locality-aware load balancing of ${rule.host}, which ${profile.id} applies only with outlier detection: calls spread over every zone; add outlierDetection to the rule`,
    );
}

function whyBypassed(host: string, profile: MeshProfile, context: TrafficContext): string {
  if (profile.architecture === "none" || !profile.traffic) return "no mesh: nothing applies traffic rules";
  if (profile.traffic.needsL7 && !context.l7) {
    const proxy = profile.architecture === "ambient" ? "a waypoint" : "the node's Envoy";
    return `${profile.id} applies L7 rules only through ${proxy}: set mesh.l7: true`;
  }
  const unmeshed = unmeshedCallers(host, context);
  return unmeshed.length > 0
    ? `the caller's proxy applies a split, and ${unmeshed.join(", ")} ${unmeshed.length === 1 ? "has" : "have"} none: mesh ${unmeshed.length === 1 ? "it" : "them"} or enter through an ingress gateway`
    : "the caller has no proxy that applies it";
}

/** Callers of `host` whose calls leave without a mesh proxy. */
function unmeshedCallers(host: string, context: TrafficContext): string[] {
  const meshed = new Map(context.topology.services.map((service) => [service.name, service.meshed]));
  const callers = new Set<string>();
  const visit = (caller: string, node: CallNode): void => {
    if (node.kind === "call") {
      if (node.service === host && !meshed.get(caller)) callers.add(caller);
      node.calls.forEach((child) => visit(node.service, child));
    } else node.nodes.forEach((child) => visit(caller, child));
  };
  for (const type of context.topology.requestTypes) {
    if (type.root.service === host && !context.clientMeshed && !context.ingressGateway) callers.add(LOAD_GENERATOR);
    type.root.calls.forEach((child) => visit(type.root.service, child));
  }
  return [...callers];
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
