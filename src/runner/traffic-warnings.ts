/**
 * Warnings that explain what the traffic rules did and did not do in a run: above all, calls
 * that bypassed a rule (traffic splitting happens in the caller's proxy, so an unmeshed caller,
 * or a mesh path without an L7 proxy, never sees the split), with where the calls went instead.
 */

import type { CallNode, MeshProfile, Topology } from "../mesh/index.js";
import { LOAD_GENERATOR } from "../mesh/index.js";
import type { RunSummary } from "./summarize-run.js";

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
  for (const host of traffic.hosts) {
    if (host.bypassed > 0) {
      const total = host.applied + host.bypassed + host.noRoute;
      const spread = Object.entries(host.byBackend)
        .map(([service, { share }]) => `${service} ${(share * 100).toFixed(1)}%`)
        .join(", ");
      warnings.push(
        `${count(host.bypassed)} of ${count(total)} calls to ${host.host} bypassed its traffic rule (${whyBypassed(host.host, profile, context)}); ` +
          `kube-proxy spread them over every backend's pods: ${spread}`,
      );
    }
    if (host.noRoute > 0) warnings.push(`${count(host.noRoute)} calls to ${host.host} matched no route (404): add a route without a match`);
  }
  if (traffic.retriesDenied > 0) {
    warnings.push(`${count(traffic.retriesDenied)} retries were not made: the retry budget or the client's maxRetries was spent`);
  }
  if (traffic.timeouts > 0) {
    warnings.push(`${count(traffic.timeouts)} tries were abandoned at a timeout; their servers kept working on them (load the caller no longer waits for)`);
  }
  return warnings;
}

// --- internal ---

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

function count(n: number): string {
  return n.toLocaleString("en-US");
}
