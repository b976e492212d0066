/**
 * What a mesh can do with traffic rules and what it does by default: a profile's `traffic`
 * block. Every flag and number is in models/ with its source.
 */

import type { CircuitBreaker, LoadBalancer, RetryBudget, RetryPolicy, TrafficFeature } from "./traffic-rules.js";

/**
 * `none`: no zone-aware balancing of its own; `on-request`: a rule turns it on (Kuma's
 * MeshLoadBalancingStrategy); `with-outlier-detection`: on by default, but in effect only where a
 * rule sets outlier detection (Istio's localityLbSetting), and a rule may turn it off.
 */
export type LocalityLoadBalancing = "none" | "on-request" | "with-outlier-detection";
/** Kubernetes Service settings a balancer may follow: spec.trafficDistribution, topology-mode Auto's hints. */
export type LocalityHonour = "trafficDistribution" | "topologyHints";

export interface LocalityProfile {
  loadBalancing: LocalityLoadBalancing;
  honors: LocalityHonour[];
}

export interface TrafficProfile {
  /**
   * Rules apply only where the run has an L7 proxy (`mesh.l7`: ambient's waypoint, Cilium's
   * node Envoy); without one the path is L4 and every rule is bypassed.
   */
  needsL7: boolean;
  /** Features the mesh can express; a rule using another is an error naming mesh and feature. */
  supports: Record<TrafficFeature, boolean>;
  /** Load balancers the mesh offers; the first is not implied to be the default. */
  loadBalancers: LoadBalancer[];
  /** Which proxy injects faults: the caller's (Istio's VirtualService) or the server's (Kuma). */
  faultInjectionAt: "client" | "server";
  /**
   * Zone-aware balancing: the mesh's own locality-aware load balancing, and the Kubernetes Service
   * settings its proxies follow when choosing endpoints. Absent: neither (zone-blind).
   */
  locality?: LocalityProfile;
  /** What the mesh does with no rule at all. */
  defaults: {
    loadBalancer: LoadBalancer;
    retries?: RetryPolicy;
    timeoutMs?: number;
    circuitBreaker?: CircuitBreaker;
    retryBudget?: RetryBudget;
  };
}
