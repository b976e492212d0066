/**
 * A traffic rule as a scenario's `traffic:` list writes it (and as the importers produce it
 * from Kubernetes manifests), before names are checked and defaults applied.
 */

export type RawRetryOn = "5xx" | "gateway-error" | "connect-failure" | "reset";

export type RawLoadBalancer = "round-robin" | "random" | "least-request" | "ewma";

export interface RawBackend {
  /** A service of the scenario. */
  service: string;
  /** Relative share of the route's calls; defaults to 1. */
  weight?: number;
}

export interface RawRetries {
  /** Retries after the first try. */
  attempts: number;
  perTryTimeoutMs?: number;
  retryOn?: RawRetryOn[];
  backoffMs?: number;
}

export interface RawFault {
  delay?: { percent: number; fixedDelayMs: number };
  abort?: { percent: number; status?: number };
}

export interface RawRoute {
  /** Exact header matches only. */
  match?: { headers: Record<string, string> };
  backends: RawBackend[];
  timeoutMs?: number;
  retries?: RawRetries;
  fault?: RawFault;
  note?: string;
}

export interface RawCircuitBreaker {
  maxConnections?: number;
  maxPendingRequests?: number;
  maxRequests?: number;
  maxRetries?: number;
}

export interface RawOutlierDetection {
  consecutive5xx?: number;
  intervalMs?: number;
  baseEjectionMs?: number;
  maxEjectionPercent?: number;
}

export interface RawRetryBudget {
  ratio: number;
  minPerSecond?: number;
  ttlMs?: number;
}

export interface RawTrafficRule {
  /** The name calls use (a service of the scenario, or a virtual host). */
  host: string;
  routes: RawRoute[];
  loadBalancer?: RawLoadBalancer;
  localityLoadBalancing?: boolean;
  circuitBreaker?: RawCircuitBreaker;
  outlierDetection?: RawOutlierDetection;
  retryBudget?: RawRetryBudget;
  rateLimit?: { requestsPerSecond: number; burst?: number };
  /** e.g. "reviews.yaml: VirtualService reviews". */
  source?: string;
  /** Fields read but without effect on latency or load, e.g. "spec.http[0].corsPolicy". */
  ignored?: string[];
  note?: string;
}
