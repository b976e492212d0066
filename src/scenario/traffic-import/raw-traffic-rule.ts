/**
 * A traffic rule as a scenario's `traffic:` list writes it (and as the importers produce it
 * from Kubernetes manifests), before names are checked and defaults applied.
 */

export type RawRetryOn = "5xx" | "gateway-error" | "connect-failure" | "reset";

export interface RawTrafficRule {
  /** The name calls use (a service of the scenario, or a virtual host). */
  host: string;
  routes: Array<{
    /** Exact header matches only. */
    match?: { headers: Record<string, string> };
    /** Weight defaults to 1. */
    backends: Array<{ service: string; weight?: number }>;
    timeoutMs?: number;
    retries?: { attempts: number; perTryTimeoutMs?: number; retryOn?: RawRetryOn[]; backoffMs?: number };
    fault?: { delay?: { percent: number; fixedDelayMs: number }; abort?: { percent: number; status?: number } };
    note?: string;
  }>;
  loadBalancer?: "round-robin" | "random" | "least-request" | "ewma";
  circuitBreaker?: { maxConnections?: number; maxPendingRequests?: number; maxRequests?: number; maxRetries?: number };
  outlierDetection?: { consecutive5xx?: number; intervalMs?: number; baseEjectionMs?: number; maxEjectionPercent?: number };
  retryBudget?: { ratio: number; minPerSecond?: number; ttlMs?: number };
  rateLimit?: { requestsPerSecond: number; burst?: number };
  /** e.g. "reviews.yaml: VirtualService reviews". */
  source?: string;
  /** Fields read but without effect on latency or load, e.g. "spec.http[0].corsPolicy". */
  ignored?: string[];
  note?: string;
}
