/**
 * Compiles a topology's traffic rules and a mesh's traffic defaults into flat typed arrays the
 * request flow reads per call: which route a request type takes at each host, the weighted
 * backends of each route, its timeouts, retries and faults, each host's load balancer and
 * circuit-breaker thresholds, and which callers have a proxy that applies any of it.
 *
 * Every service is a host (ids 0..services-1) whose single route is the mesh's defaults; a
 * rule's virtual host comes after them (see virtualHostTargets). A rule for a service replaces
 * that service's defaults where it sets something.
 */

import { virtualHostTargets } from "./call-program.js";
import type { MeshOptions, MeshProfile } from "../model/index.js";
import type { Topology } from "../model/index.js";
import { bypassServices } from "../preflight/index.js";
import type { TrafficProfile } from "../model/index.js";
import type { CircuitBreaker, LoadBalancer, RetryOn, Route, TrafficRule } from "../model/index.js";
import { LOCALITY_NONE, LOCALITY_PRIORITY } from "./locality-tables.js";

export const LB_ROUND_ROBIN = 0;
export const LB_RANDOM = 1;
export const LB_LEAST_REQUEST = 2;
export const LB_EWMA = 3;
const LB_CODES: Record<LoadBalancer, number> = { "round-robin": LB_ROUND_ROBIN, random: LB_RANDOM, "least-request": LB_LEAST_REQUEST, ewma: LB_EWMA };

export const RETRY_ON_5XX = 1;
export const RETRY_ON_GATEWAY_ERROR = 2;
export const RETRY_ON_CONNECT_FAILURE = 4;
export const RETRY_ON_RESET = 8;
const RETRY_ON_BITS: Record<RetryOn, number> = {
  "5xx": RETRY_ON_5XX,
  "gateway-error": RETRY_ON_GATEWAY_ERROR,
  "connect-failure": RETRY_ON_CONNECT_FAILURE,
  reset: RETRY_ON_RESET,
};

/** Envoy's circuit-breaker defaults, for meshes whose profile gives none (cluster.proto). */
const NO_LIMITS: CircuitBreaker = { maxConnections: Infinity, maxPendingRequests: Infinity, maxRequests: Infinity, maxRetries: Infinity };

/** How a caller's traffic meets the rules. */
export interface TrafficPlanOptions {
  topology: Topology;
  profile: MeshProfile;
  mesh: MeshOptions;
  /** Per pod (index 0: the load generator): whether its calls leave through the mesh's proxy. */
  podMeshed: Uint8Array;
  podNode: Int32Array;
  podService: Int32Array;
  servicePods: Int32Array[];
}

export interface TrafficPlan {
  hostCount: number;
  hostNames: string[];
  /** 1 for hosts a scenario rule names (their counts go in the results). */
  hostHasRule: Uint8Array;
  typeCount: number;
  /** Route id per (host * typeCount + request type); -1 when no route matches (404). */
  routeOf: Int32Array;
  /** Pods a host's calls reach when no proxy applies its rule: kube-proxy's spread. */
  bypassPods: Int32Array[];
  /** The services of each host's bypassPods, in their order (each contributes its pods in replica order). */
  bypassServices: Int32Array[];
  hostLoadBalancer: Uint8Array;
  /** The mesh's own locality-aware balancing per host: LOCALITY_PRIORITY where in effect (cluster.zones only), else LOCALITY_NONE. */
  hostLocality: Uint8Array;
  /** Calls one client proxy may have outstanding to the host's backends before queueing or failing. */
  hostMaxActive: Float64Array;
  /** 1 when calls over the limit queue (HTTP/1.1 waits for a connection); 0: they fail at once. */
  hostQueues: Uint8Array;
  hostMaxPending: Float64Array;
  hostMaxRetries: Float64Array;
  /** Consecutive failures that eject a replica; 0: no outlier detection. */
  hostEjectAfter: Int32Array;
  hostBaseEjectionMs: Float64Array;
  hostMaxEjectionFraction: Float64Array;
  /** Retry budget ratio; NaN when the host has no budget. */
  hostBudgetRatio: Float64Array;
  hostBudgetMinPerSecond: Float64Array;
  hostBudgetTtlMs: Float64Array;

  routeCount: number;
  routeHost: Int32Array;
  routeBackendStart: Int32Array;
  routeBackendCount: Int32Array;
  backendService: Int32Array;
  /** Cumulative backend weights of each route, ending at 1. */
  backendCumulative: Float64Array;
  routeTimeoutMs: Float64Array;
  routePerTryTimeoutMs: Float64Array;
  routeAttempts: Int32Array;
  routeRetryOn: Uint8Array;
  routeBackoffMs: Float64Array;
  routeDelayFraction: Float64Array;
  routeDelayMs: Float64Array;
  routeAbortFraction: Float64Array;
  routeAbortStatus: Int32Array;

  /** Per caller pod: 1 when its proxy applies the rules (meshed, and an L7 proxy where needed). */
  applies: Uint8Array;
  /** Per caller pod: the client proxy whose view (load balancer, limits) the call uses. */
  clientKey: Int32Array;
  clientKeyCount: number;
  /** Faults injected by the server's proxy (Kuma) instead of the caller's (Istio). */
  faultAtServer: boolean;
  /** Per service: local rate limit at its replicas' inbound proxies (0: none). */
  serviceRateLimit: Float64Array;
  serviceRateBurst: Float64Array;
  serviceErrorRate: Float64Array;
  /** Per pod: outage windows as [start, end) pairs, ms, in podOutageStart..+podOutageCount. */
  podOutageStart: Int32Array;
  podOutageCount: Int32Array;
  outageWindows: Float64Array;
  /** Whether any rule, default or failure source is in play (else the flow takes its plain path). */
  active: boolean;
}

/** Compiles the plan for one run of one mesh. */
export function compileTrafficPlan(options: TrafficPlanOptions): TrafficPlan {
  const { topology, profile, mesh } = options;
  const services = topology.services;
  const serviceIndex = new Map(services.map((service, index) => [service.name, index]));
  const virtual = virtualHostTargets(topology, serviceIndex);
  const traffic = ruleCapable(profile, mesh);
  const rulesByHost = new Map((topology.traffic ?? []).map((rule) => [rule.host, rule]));
  const hostNames = [...services.map((service) => service.name), ...virtual.keys()];
  const hostCount = hostNames.length;
  const typeCount = topology.requestTypes.length;
  const defaults = traffic?.defaults;

  const routes: Array<{ host: number; route: Route }> = [];
  const routeOf = new Int32Array(hostCount * typeCount).fill(-1);
  const bypassPods: Int32Array[] = [];
  const bypassServiceIndices: Int32Array[] = [];
  const plan = {
    hostLoadBalancer: new Uint8Array(hostCount),
    hostLocality: new Uint8Array(hostCount),
    hostMaxActive: new Float64Array(hostCount),
    hostQueues: new Uint8Array(hostCount),
    hostMaxPending: new Float64Array(hostCount),
    hostMaxRetries: new Float64Array(hostCount),
    hostEjectAfter: new Int32Array(hostCount),
    hostBaseEjectionMs: new Float64Array(hostCount),
    hostMaxEjectionFraction: new Float64Array(hostCount),
    hostBudgetRatio: new Float64Array(hostCount).fill(NaN),
    hostBudgetMinPerSecond: new Float64Array(hostCount),
    hostBudgetTtlMs: new Float64Array(hostCount),
    hostHasRule: new Uint8Array(hostCount),
  };
  hostNames.forEach((name, host) => {
    const rule = rulesByHost.get(name);
    const hostRoutes: Route[] = rule ? rule.routes : [{ backends: [{ service: name, weight: 1 }] }];
    const first = routes.length;
    for (const route of hostRoutes) routes.push({ host, route });
    topology.requestTypes.forEach((type, t) => {
      const index = hostRoutes.findIndex((route) => matches(route, type.headers));
      routeOf[host * typeCount + t] = index < 0 ? -1 : first + index;
    });
    const bypassNames = rule ? bypassServices(topology, rule) : [name];
    bypassPods.push(podsOf(bypassNames, serviceIndex, options.servicePods));
    bypassServiceIndices.push(Int32Array.from(bypassNames, (service) => serviceIndex.get(service)!));
    plan.hostHasRule[host] = rule ? 1 : 0;
    plan.hostLoadBalancer[host] = LB_CODES[rule?.loadBalancer ?? defaults?.loadBalancer ?? "random"];
    if (topology.cluster.zones) plan.hostLocality[host] = localityInEffect(traffic, rule) ? LOCALITY_PRIORITY : LOCALITY_NONE;
    const limits = { ...NO_LIMITS, ...(defaults?.circuitBreaker ?? {}), ...(rule?.circuitBreaker ?? {}) };
    const protocol = services[rule ? serviceIndex.get(hostRoutes[0].backends[0].service)! : host].protocol;
    plan.hostQueues[host] = protocol === "http1" ? 1 : 0;
    plan.hostMaxActive[host] = protocol === "http1" ? Math.min(limits.maxConnections, limits.maxRequests) : protocol === "tcp" ? limits.maxConnections : limits.maxRequests;
    plan.hostMaxPending[host] = limits.maxPendingRequests;
    plan.hostMaxRetries[host] = limits.maxRetries;
    if (rule?.outlierDetection) {
      plan.hostEjectAfter[host] = rule.outlierDetection.consecutive5xx;
      plan.hostBaseEjectionMs[host] = rule.outlierDetection.baseEjectionMs;
      plan.hostMaxEjectionFraction[host] = rule.outlierDetection.maxEjectionPercent / 100;
    }
    const budget = rule?.retryBudget ?? defaults?.retryBudget;
    if (budget) {
      plan.hostBudgetRatio[host] = budget.ratio;
      plan.hostBudgetMinPerSecond[host] = budget.minPerSecond;
      plan.hostBudgetTtlMs[host] = budget.ttlMs;
    }
  });

  const routeCount = routes.length;
  const backendTotal = routes.reduce((sum, { route }) => sum + route.backends.length, 0);
  const compiled = {
    routeHost: new Int32Array(routeCount),
    routeBackendStart: new Int32Array(routeCount),
    routeBackendCount: new Int32Array(routeCount),
    backendService: new Int32Array(backendTotal),
    backendCumulative: new Float64Array(backendTotal),
    routeTimeoutMs: new Float64Array(routeCount).fill(Infinity),
    routePerTryTimeoutMs: new Float64Array(routeCount).fill(Infinity),
    routeAttempts: new Int32Array(routeCount),
    routeRetryOn: new Uint8Array(routeCount),
    routeBackoffMs: new Float64Array(routeCount),
    routeDelayFraction: new Float64Array(routeCount),
    routeDelayMs: new Float64Array(routeCount),
    routeAbortFraction: new Float64Array(routeCount),
    routeAbortStatus: new Int32Array(routeCount),
  };
  let next = 0;
  routes.forEach(({ host, route }, r) => {
    compiled.routeHost[r] = host;
    compiled.routeBackendStart[r] = next;
    compiled.routeBackendCount[r] = route.backends.length;
    const total = route.backends.reduce((sum, backend) => sum + backend.weight, 0);
    let cumulative = 0;
    for (const backend of route.backends) {
      cumulative += backend.weight / total;
      compiled.backendService[next] = serviceIndex.get(backend.service)!;
      compiled.backendCumulative[next] = cumulative;
      next++;
    }
    compiled.backendCumulative[next - 1] = 1;
    const timeoutMs = route.timeoutMs ?? defaults?.timeoutMs;
    if (timeoutMs !== undefined) compiled.routeTimeoutMs[r] = timeoutMs;
    const retries = route.retries ?? defaults?.retries;
    if (retries) {
      compiled.routeAttempts[r] = retries.attempts;
      compiled.routeRetryOn[r] = retries.retryOn.reduce((mask, on) => mask | RETRY_ON_BITS[on], 0);
      compiled.routeBackoffMs[r] = retries.backoffMs;
      if (retries.perTryTimeoutMs !== undefined) compiled.routePerTryTimeoutMs[r] = retries.perTryTimeoutMs;
    }
    if (route.fault?.delay) {
      compiled.routeDelayFraction[r] = route.fault.delay.percent / 100;
      compiled.routeDelayMs[r] = route.fault.delay.fixedDelayMs;
    }
    if (route.fault?.abort) {
      compiled.routeAbortFraction[r] = route.fault.abort.percent / 100;
      compiled.routeAbortStatus[r] = route.fault.abort.status;
    }
  });

  const podCount = options.podMeshed.length;
  const applies = new Uint8Array(podCount);
  if (traffic) for (let pod = 0; pod < podCount; pod++) applies[pod] = options.podMeshed[pod];
  const perNode = profile.architecture === "node-agent" || profile.architecture === "ebpf";
  const clientKey = perNode ? Int32Array.from(options.podNode, (node) => Math.max(node, 0)) : Int32Array.from({ length: podCount }, (_, pod) => pod);

  const rateLimited = serverRateLimits(topology, serviceIndex, traffic);
  const outages = outageWindows(topology, options);
  return {
    hostCount,
    hostNames,
    typeCount,
    routeOf,
    bypassPods,
    bypassServices: bypassServiceIndices,
    ...plan,
    routeCount,
    ...compiled,
    applies,
    clientKey,
    clientKeyCount: perNode ? Math.max(1, ...options.podNode) + 1 : podCount,
    faultAtServer: traffic?.faultInjectionAt === "server",
    serviceRateLimit: rateLimited.rate,
    serviceRateBurst: rateLimited.burst,
    serviceErrorRate: Float64Array.from(services, (service) => service.failures?.errorRate ?? 0),
    ...outages,
    active: traffic !== undefined || (topology.traffic?.length ?? 0) > 0 || services.some((service) => service.failures !== undefined),
  };
}

/** The mesh's traffic capabilities when its proxies can apply rules in this run, else undefined. */
export function ruleCapable(profile: MeshProfile, mesh: MeshOptions): TrafficProfile | undefined {
  const traffic = profile.traffic;
  if (!traffic) return undefined;
  if (traffic.needsL7 && !mesh.l7) return undefined;
  return traffic;
}

/**
 * Whether the mesh's own locality-aware balancing acts on a host: asked for by the rule where the
 * mesh needs asking (Kuma), or on by default where the rule sets outlier detection and does not turn
 * it off (Istio: "the proxies require an outlier detection configuration", istio.io locality docs).
 */
export function localityInEffect(traffic: TrafficProfile | undefined, rule: TrafficRule | undefined): boolean {
  switch (traffic?.locality?.loadBalancing ?? "none") {
    case "on-request":
      return rule?.localityLoadBalancing === true;
    case "with-outlier-detection":
      return rule?.outlierDetection !== undefined && rule.localityLoadBalancing !== false;
    default:
      return false;
  }
}

// --- internal ---

function matches(route: Route, headers: Record<string, string>): boolean {
  if (!route.match) return true;
  return Object.entries(route.match.headers).every(([name, value]) => headers[name] === value);
}

function podsOf(names: string[], serviceIndex: Map<string, number>, servicePods: Int32Array[]): Int32Array {
  return Int32Array.from(names.flatMap((name) => [...servicePods[serviceIndex.get(name)!]]));
}

/** Rate limits are enforced by each backend's inbound proxy; a service takes the first rule that limits it. */
function serverRateLimits(topology: Topology, serviceIndex: Map<string, number>, traffic: TrafficProfile | undefined): { rate: Float64Array; burst: Float64Array } {
  const count = topology.services.length;
  const rate = new Float64Array(count);
  const burst = new Float64Array(count);
  if (!traffic?.supports.rateLimit) return { rate, burst };
  for (const rule of topology.traffic ?? []) {
    if (!rule.rateLimit) continue;
    for (const name of backendNames(rule)) {
      const service = serviceIndex.get(name)!;
      if (rate[service] > 0 || !topology.services[service].meshed) continue;
      rate[service] = rule.rateLimit.requestsPerSecond;
      burst[service] = rule.rateLimit.burst;
    }
  }
  return { rate, burst };
}

function backendNames(rule: TrafficRule): string[] {
  return [...new Set(rule.routes.flatMap((route) => route.backends.map((backend) => backend.service)))];
}

function outageWindows(topology: Topology, options: TrafficPlanOptions): { podOutageStart: Int32Array; podOutageCount: Int32Array; outageWindows: Float64Array } {
  const podCount = options.podMeshed.length;
  const podOutageStart = new Int32Array(podCount);
  const podOutageCount = new Int32Array(podCount);
  const windows: number[] = [];
  topology.services.forEach((service, index) => {
    const outages = service.failures?.outages ?? [];
    const pods = options.servicePods[index];
    pods.forEach((pod, replica) => {
      podOutageStart[pod] = windows.length / 2;
      for (const outage of outages) {
        if (outage.replica !== replica) continue;
        windows.push(outage.startMs, outage.endMs);
        podOutageCount[pod]++;
      }
    });
  });
  return { podOutageStart, podOutageCount, outageWindows: Float64Array.from(windows) };
}
