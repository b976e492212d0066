/**
 * Checks that a mesh can express every traffic rule a scenario uses, following each mesh's
 * feature facts (SOURCES.md section 2, in the profiles' `traffic.supports`). A feature the
 * mesh lacks is an error naming mesh and feature, with the meshes that have it. The baseline
 * (no mesh) applies no rule at all; the run says so instead of failing.
 */

import type { MeshProfile } from "../model/index.js";
import type { Topology } from "../model/index.js";
import { UnsupportedSettingError } from "../model/index.js";
import type { TrafficFeature, TrafficRule } from "../model/index.js";

const FEATURE_NAMES: Record<TrafficFeature, string> = {
  split: "weighted traffic splits (routes[].backends with weights)",
  headerRouting: "header-based routing (routes[].match.headers)",
  retries: "retries (routes[].retries)",
  retryBudget: "retry budgets (retryBudget)",
  timeouts: "request timeouts (routes[].timeoutMs, retries.perTryTimeoutMs)",
  circuitBreaking: "circuit breaking (circuitBreaker)",
  outlierDetection: "outlier detection (outlierDetection)",
  rateLimit: "rate limits (rateLimit)",
  faultAbort: "fault injection: aborts (routes[].fault.abort)",
  faultDelay: "fault injection: delays (routes[].fault.delay)",
};

/** The features a rule uses, each with the field that uses it first. */
export function featuresOf(rule: TrafficRule): Map<TrafficFeature, string> {
  const used = new Map<TrafficFeature, string>();
  const use = (feature: TrafficFeature, field: string) => {
    if (!used.has(feature)) used.set(feature, field);
  };
  rule.routes.forEach((route, r) => {
    if (route.backends.length > 1 || route.backends[0].service !== rule.host) use("split", `routes[${r}].backends`);
    if (route.match) use("headerRouting", `routes[${r}].match`);
    if (route.retries && route.retries.attempts > 0) use("retries", `routes[${r}].retries`);
    if (route.timeoutMs !== undefined || route.retries?.perTryTimeoutMs !== undefined) use("timeouts", `routes[${r}].timeoutMs`);
    if (route.fault?.abort) use("faultAbort", `routes[${r}].fault.abort`);
    if (route.fault?.delay) use("faultDelay", `routes[${r}].fault.delay`);
  });
  if (rule.retryBudget) use("retryBudget", "retryBudget");
  if (rule.circuitBreaker) use("circuitBreaking", "circuitBreaker");
  if (rule.outlierDetection) use("outlierDetection", "outlierDetection");
  if (rule.rateLimit) use("rateLimit", "rateLimit");
  return used;
}

/**
 * @param others every mesh profile, to name those that have a missing feature
 * @throws UnsupportedSettingError for the first rule feature (or load balancer) the mesh lacks
 */
export function checkTrafficSupport(profile: MeshProfile, topology: Topology, others: MeshProfile[]): void {
  if (profile.architecture === "none") return;
  for (const rule of topology.traffic ?? []) {
    const traffic = profile.traffic;
    for (const [feature, field] of featuresOf(rule)) {
      if (traffic?.supports[feature]) continue;
      const able = others.filter((other) => other.traffic?.supports[feature]).map((other) => other.id);
      throw new UnsupportedSettingError(
        profile.id,
        FEATURE_NAMES[feature],
        `${rule.source} uses it at ${field} (host ${rule.host}); meshes that can: ${able.length > 0 ? able.join(", ") : "none"}`,
      );
    }
    if (rule.localityLoadBalancing === true && (traffic?.locality?.loadBalancing ?? "none") === "none") {
      const able = others.filter((other) => (other.traffic?.locality?.loadBalancing ?? "none") !== "none").map((other) => other.id);
      throw new UnsupportedSettingError(
        profile.id,
        "locality-aware load balancing",
        `${rule.source} asks for it at localityLoadBalancing (host ${rule.host}); meshes that can: ${able.length > 0 ? able.join(", ") : "none"}`,
      );
    }
    if (rule.loadBalancer && !(traffic?.loadBalancers ?? []).includes(rule.loadBalancer)) {
      throw new UnsupportedSettingError(
        profile.id,
        `the ${rule.loadBalancer} load balancer`,
        `${rule.source} asks for it (host ${rule.host}); ${profile.id} offers ${(traffic?.loadBalancers ?? []).join(", ") || "none"}`,
      );
    }
  }
}
