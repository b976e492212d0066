/**
 * Traffic rules as the simulator applies them: what a client-side L7 proxy does with a call to
 * a host (routes by header, weighted backends, retries, timeouts, fault injection) and how it
 * treats the host's replicas (load balancing, connection limits, outlier ejection). Server-side
 * rate limits ride along. scenario/ produces these from a scenario's `traffic` list or from
 * imported Kubernetes manifests (HTTPRoute, TrafficSplit, VirtualService, DestinationRule).
 */

export type LoadBalancer = "round-robin" | "random" | "least-request" | "ewma";
export const LOAD_BALANCERS: readonly LoadBalancer[] = ["round-robin", "random", "least-request", "ewma"];

/**
 * Failures a retry policy may retry, with Envoy's meanings: `5xx` any 5xx or no response
 * (includes timeouts and resets), `gateway-error` 502/503/504, `connect-failure` the TCP
 * connection failed, `reset` the connection dropped mid-request.
 */
export type RetryOn = "5xx" | "gateway-error" | "connect-failure" | "reset";
export const RETRY_ON: readonly RetryOn[] = ["5xx", "gateway-error", "connect-failure", "reset"];

export interface Backend {
  /** A service of the scenario. */
  service: string;
  weight: number;
}

export interface RetryPolicy {
  /** Retries after the first try (Istio's `attempts`). */
  attempts: number;
  /** Each try's own deadline, ms; none when absent. */
  perTryTimeoutMs?: number;
  retryOn: RetryOn[];
  /** Envoy's base interval: retry k waits uniform(0, (2^k - 1) x base), capped at 10 x base. */
  backoffMs: number;
}

export interface FaultPolicy {
  delay?: { percent: number; fixedDelayMs: number };
  abort?: { percent: number; status: number };
}

export interface Route {
  /** Header values a request type must carry (all of them) for the route to match. */
  match?: { headers: Record<string, string> };
  backends: Backend[];
  /** Deadline for the whole call including retries, ms. */
  timeoutMs?: number;
  retries?: RetryPolicy;
  fault?: FaultPolicy;
}

/** Envoy's circuit-breaker thresholds, per client proxy and upstream service. */
export interface CircuitBreaker {
  maxConnections: number;
  maxPendingRequests: number;
  maxRequests: number;
  /** Retries outstanding at once; a retry beyond it is not made. */
  maxRetries: number;
}

/** Passive health checking: eject a replica after consecutive 5xx (timeouts and resets count). */
export interface OutlierDetection {
  consecutive5xx: number;
  intervalMs: number;
  baseEjectionMs: number;
  maxEjectionPercent: number;
}

/** Linkerd's retry budget: retries may add `ratio` of the requests plus `minPerSecond`, over `ttlMs`. */
export interface RetryBudget {
  ratio: number;
  minPerSecond: number;
  ttlMs: number;
}

/** Local rate limit at each replica's inbound proxy: a token bucket. */
export interface RateLimit {
  requestsPerSecond: number;
  burst: number;
}

export interface TrafficRule {
  /** The name calls use: a service of the scenario, or a virtual host over its backends. */
  host: string;
  /** Tried in order; the first whose match holds takes the call. */
  routes: Route[];
  loadBalancer?: LoadBalancer;
  /** Thresholds the rule sets; the others keep the mesh's defaults. */
  circuitBreaker?: Partial<CircuitBreaker>;
  outlierDetection?: OutlierDetection;
  retryBudget?: RetryBudget;
  rateLimit?: RateLimit;
  /**
   * The mesh's locality-aware load balancing for the host: true asks for it (Kuma's localityAwareness,
   * Istio's localityLbSetting), false turns it off (Istio's on by default where outlier detection is set).
   */
  localityLoadBalancing?: boolean;
  /** Where the rule came from (a scenario field, or an imported manifest). */
  source: string;
}

/** The route most of a host's calls take: its first without a match, else its last. */
export function catchAllRoute(rule: TrafficRule): Route {
  return rule.routes.find((candidate) => !candidate.match) ?? rule.routes[rule.routes.length - 1];
}

/** Failure sources of a service, to exercise the traffic rules. */
export interface ServiceFailures {
  /** Fraction of requests the app answers with a 500 after doing its work. */
  errorRate: number;
  /** Replicas whose service time is multiplied by `factor`. */
  slowReplicas: Array<{ replica: number; factor: number }>;
  /** Replicas that refuse connections from `startMs` to `endMs` of simulated time. */
  outages: Array<{ replica: number; startMs: number; endMs: number }>;
}

/** The traffic features a rule uses, as the names mesh profiles declare support under. */
export type TrafficFeature =
  | "split"
  | "headerRouting"
  | "retries"
  | "retryBudget"
  | "timeouts"
  | "circuitBreaking"
  | "outlierDetection"
  | "rateLimit"
  | "faultAbort"
  | "faultDelay";
