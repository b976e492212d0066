/**
 * Where manifests name pods by labels (a DestinationRule subset) or a host that is not itself a
 * service of the scenario, these functions find the scenario services that stand for them.
 */

import { suggest } from "../../scenario/index.js";

/** A service of the scenario as the importer sees it. */
export interface ScenarioService {
  name: string;
  labels?: Record<string, string>;
  kind?: string;
  protocol?: string;
}

/** The outcome of looking up a subset: a service and how it was found, or why none was. */
export type SubsetLookup = { service: string; how: string } | { problem: string };

/**
 * The service standing for subset `subset` of `host`, whose pods carry `labels`:
 * 1. the one service whose labels contain all of `labels`;
 * 2. if several do, the one of them that relates to the host (`labels.app` is the host, its
 *    name is the host, or its name starts with `<host>-`);
 * 3. else the service named `<host>-<subset>` (reviews-v2).
 * @example serviceForSubset("reviews", "v2", { version: "v2" }, [{ name: "reviews-v2", labels: { app: "reviews", version: "v2" } }])
 */
export function serviceForSubset(host: string, subset: string, labels: Record<string, string> | undefined, services: readonly ScenarioService[]): SubsetLookup {
  const wanted = Object.entries(labels ?? {});
  if (wanted.length > 0) {
    const matching = services.filter((service) => wanted.every(([key, value]) => service.labels?.[key] === value));
    if (matching.length === 1) return { service: matching[0].name, how: `labels ${formatLabels(labels!)}` };
    if (matching.length > 1) {
      const related = matching.filter((service) => relatesToHost(service, host));
      if (related.length === 1) return { service: related[0].name, how: `labels ${formatLabels(labels!)} and app ${host}` };
      const named = matching.find((service) => service.name === `${host}-${subset}`);
      if (named) return { service: named.name, how: `labels ${formatLabels(labels!)} and name` };
      const candidates = (related.length > 1 ? related : matching).map((service) => service.name);
      return { problem: `its labels ${formatLabels(labels!)} match services ${candidates.join(", ")} alike; give them labels that tell them apart` };
    }
  }
  const fallback = `${host}-${subset}`;
  if (services.some((service) => service.name === fallback)) return { service: fallback, how: "name" };
  const hint = suggest(fallback, services.map((service) => service.name));
  const byLabels = wanted.length > 0 ? `no service of the scenario has labels ${formatLabels(labels!)}` : "no labels are known for it";
  return { problem: `${byLabels}, and no service is named ${fallback}${hint ? ` (did you mean ${hint}?)` : ""}` };
}

/**
 * The services a Kubernetes Service named `host` would select when no scenario service has that
 * name: those whose `labels.app` is `host` (the convention of Istio's samples).
 */
export function servicesOfApp(host: string, services: readonly ScenarioService[]): string[] {
  return services.filter((service) => service.labels?.app === host).map((service) => service.name);
}

/** "version=v2,app=reviews". */
export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(",");
}

// --- internal ---

function relatesToHost(service: ScenarioService, host: string): boolean {
  return service.labels?.app === host || service.name === host || service.name.startsWith(`${host}-`);
}
