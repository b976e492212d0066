/**
 * `traffic` in the mesh profile schema: the traffic-rule features the mesh can express, its
 * load balancers, zone-aware balancing, and what it does with no rule at all.
 */

/** Load balancers and retry conditions, as LOAD_BALANCERS and RETRY_ON in mesh/model/traffic-rules.ts. */
const loadBalancer = { enum: ["round-robin", "random", "least-request", "ewma"] } as const;
const retryOn = { enum: ["5xx", "gateway-error", "connect-failure", "reset"] } as const;
const supportFlag = { type: "boolean" } as const;
const TRAFFIC_FEATURES = [
  "split",
  "headerRouting",
  "retries",
  "retryBudget",
  "timeouts",
  "circuitBreaking",
  "outlierDetection",
  "rateLimit",
  "faultAbort",
  "faultDelay",
] as const;

/** What the mesh can do with traffic rules and what it does with none (TrafficProfile). */
export const traffic = {
  type: "object",
  required: ["needsL7", "supports", "loadBalancers", "faultInjectionAt", "defaults"],
  properties: {
    needsL7: {
      type: "boolean",
      description: "rules apply only with mesh.l7 (ambient's waypoint, Cilium's node Envoy); without it every rule is bypassed",
    },
    supports: {
      type: "object",
      required: [...TRAFFIC_FEATURES],
      properties: Object.fromEntries(TRAFFIC_FEATURES.map((feature) => [feature, supportFlag])),
      additionalProperties: false,
      description: "the traffic features the mesh can express; a rule using another is an error",
    },
    loadBalancers: { type: "array", items: loadBalancer, minItems: 1, uniqueItems: true, description: "the load balancers the mesh offers" },
    faultInjectionAt: { enum: ["client", "server"], description: "the proxy that injects faults: the caller's or the callee's" },
    locality: {
      type: "object",
      required: ["loadBalancing", "honors"],
      description: "zone-aware balancing: the mesh's own, and the Kubernetes Service settings its proxies follow",
      properties: {
        loadBalancing: {
          enum: ["none", "on-request", "with-outlier-detection"],
          description: "none; on-request: a rule's localityLoadBalancing turns it on; with-outlier-detection: on, but in effect only where a rule sets outlierDetection",
        },
        honors: {
          type: "array",
          items: { enum: ["trafficDistribution", "topologyHints"] },
          uniqueItems: true,
          description: "Service settings the proxies follow: spec.trafficDistribution PreferSameZone, topology-mode Auto's EndpointSlice hints",
        },
      },
      additionalProperties: false,
    },
    defaults: {
      type: "object",
      required: ["loadBalancer"],
      description: "what the mesh does with no rule at all",
      properties: {
        loadBalancer,
        retries: {
          type: "object",
          required: ["attempts", "retryOn", "backoffMs"],
          properties: {
            attempts: { type: "integer", minimum: 0, description: "retries after the first try" },
            perTryTimeoutMs: { type: "number", exclusiveMinimum: 0 },
            retryOn: { type: "array", items: retryOn, minItems: 1, uniqueItems: true },
            backoffMs: { type: "number", minimum: 0, description: "Envoy's base interval; 0 retries at once" },
          },
          additionalProperties: false,
        },
        timeoutMs: { type: "number", exclusiveMinimum: 0, description: "route timeout, retries included" },
        circuitBreaker: {
          type: "object",
          required: ["maxConnections", "maxPendingRequests", "maxRequests", "maxRetries"],
          properties: {
            maxConnections: { type: "integer", minimum: 0 },
            maxPendingRequests: { type: "integer", minimum: 0 },
            maxRequests: { type: "integer", minimum: 0 },
            maxRetries: { type: "integer", minimum: 0 },
          },
          additionalProperties: false,
        },
        retryBudget: {
          type: "object",
          required: ["ratio", "minPerSecond", "ttlMs"],
          properties: {
            ratio: { type: "number", minimum: 0 },
            minPerSecond: { type: "number", minimum: 0 },
            ttlMs: { type: "number", exclusiveMinimum: 0 },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;
