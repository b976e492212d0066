/**
 * The JSON Schema of scenario files: the single description of what a scenario may say.
 * The loader validates against it (with ajv) and `meshsim schema` prints it for editors.
 */

import { distribution } from "./_distribution-schema.js";
import { cluster, clusters } from "./_cluster-schema.js";
import { load } from "./_load-schema.js";
import { mesh } from "./_mesh-schema.js";
import { bytes, NAME_PATTERN, nonNegativeNumber, positiveInteger, positiveNumber } from "./_schema-atoms.js";
import { TIMELINE_SCHEMA } from "./timeline-schema.js";
import { SERVICE_FAILURES_SCHEMA, TRAFFIC_RULE_SCHEMA } from "./traffic-schema.js";
import { MAX_PODS, MAX_PRICE_PER_HOUR, MAX_REPEAT, MAX_REQUEST_TYPES, MAX_TRAFFIC_RULES, MAX_WEIGHT, withTimeLimits } from "./value-limits.js";


/**
 * A CPU or memory quantity: a non-negative number, or a Kubernetes quantity string as
 * cluster/container-resources.ts parses it (a decimal, then a suffix or an exponent). Memory takes
 * no milli, micro or nano suffix (thousandths of a byte are a slip for Mi); a limit is above 0.
 * The types and patterns are for editors, which would accept `true` without them; the loader's
 * message for a bad value is resolve-resources.ts's, which names the forms (validate-document.ts).
 * test/cli/commands/schema.test.ts checks that this schema and the loader agree.
 */
const DECIMAL = String.raw`\+?(?:\d+(?:\.\d*)?|\.\d+)`;
/** As DECIMAL, with a digit other than 0 somewhere: a limit of "0m" is refused. */
const NON_ZERO_DECIMAL = String.raw`\+?(?:\d*[1-9]\d*(?:\.\d*)?|\d*\.\d*[1-9]\d*)`;
const EXPONENT = String.raw`[eE][+-]?\d+`;
const CPU_SUFFIX = `(?:Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|${EXPONENT})?`;
const MEMORY_SUFFIX = `(?:Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|${EXPONENT})?`;

function quantity(suffix: string, isLimit: boolean, description: string) {
  return {
    type: ["number", "string"],
    ...(isLimit ? { exclusiveMinimum: 0 } : { minimum: 0 }),
    pattern: `^${isLimit ? NON_ZERO_DECIMAL : DECIMAL}${suffix}$`,
    description,
  } as const;
}

const CPU_FORMS = 'vCPU: a number (0.5) or a Kubernetes quantity string ("500m", "2")';
const MEMORY_FORMS = 'MB (MiB): a number (128) or a Kubernetes quantity string ("128Mi", "1Gi")';

/** A container's requests and limits, as in its Kubernetes manifest. */
const resources = {
  description:
    "the container's requests (what the scheduler places it by) and limits (CPU: the CFS quota that throttles it; memory: the most it may use), as in its manifest; a limit without a request makes the request equal to the limit, as Kubernetes does",
  type: "object",
  properties: {
    cpuRequest: quantity(CPU_SUFFIX, false, CPU_FORMS),
    cpuLimit: quantity(CPU_SUFFIX, true, `${CPU_FORMS}, above 0`),
    memoryRequestMb: quantity(MEMORY_SUFFIX, false, MEMORY_FORMS),
    memoryLimitMb: quantity(MEMORY_SUFFIX, true, `${MEMORY_FORMS}, above 0`),
  },
  additionalProperties: false,
} as const;

/** A HorizontalPodAutoscaler on the service's CPU (autoscaling/v2, one Resource metric). */
const AUTOSCALING_SCHEMA = {
  description:
    "a HorizontalPodAutoscaler on the pods' CPU (app and sidecar) over their CPU requests: sync every 15 s, tolerance 0.1, scale-down stabilisation 300 s, as Kubernetes' defaults; needs resources.cpuRequest; `replicas` is then the starting count (default minReplicas)",
  type: "object",
  required: ["maxReplicas", "targetCpuUtilization"],
  properties: {
    minReplicas: { ...positiveInteger, maximum: MAX_PODS, default: 1, description: "fewest replicas (the HPA's minReplicas, default 1)" },
    maxReplicas: { ...positiveInteger, maximum: MAX_PODS, description: "most replicas; all of them are compiled up front" },
    targetCpuUtilization: { ...positiveInteger, maximum: 1000, description: "the target mean CPU utilisation of the pods, percent of their requests (the HPA's averageUtilization)" },
    podStartupS: { ...nonNegativeNumber, maximum: 3600, description: "from a new pod's creation to its readiness, s (default 5: Kubernetes' pod start-up SLO)" },
  },
  additionalProperties: false,
} as const;

/** A service-time, think-time or latency distribution, in milliseconds. */
const callNodeOptions = {
  probability: { type: "number", minimum: 0, maximum: 1, description: "chance the call happens" },
  repeat: {
    ...nonNegativeNumber,
    maximum: MAX_REPEAT,
    description: "sequential repetitions; a fractional value is an expected count",
  },
  note: { type: "string" },
} as const;

/**
 * One node of a request's call tree. An if/else chain on the node's key (not oneOf) so a bad
 * node gets the error of the branch it meant, not one error per branch.
 */
const callNode = {
  type: "object",
  if: { required: ["call"] },
  then: {
    properties: {
      call: { type: "string", description: "the service called" },
      async: {
        type: "boolean",
        description: "hand-off (e.g. to a queue consumer): the caller does not wait for it",
      },
      requestBytes: bytes,
      responseBytes: bytes,
      calls: { $ref: "#/definitions/callList" },
      ...callNodeOptions,
    },
    additionalProperties: false,
  },
  else: {
    if: { required: ["sequence"] },
    then: {
      properties: { sequence: { $ref: "#/definitions/callList" }, ...callNodeOptions },
      additionalProperties: false,
    },
    else: {
      if: { required: ["parallel"] },
      then: {
        properties: { parallel: { $ref: "#/definitions/callList" }, ...callNodeOptions },
        additionalProperties: false,
      },
      else: { required: ["call"] },
    },
  },
} as const;

const service = {
  type: "object",
  required: ["name", "serviceTime"],
  properties: {
    name: { type: "string", pattern: NAME_PATTERN },
    kind: { enum: ["http", "grpc", "db", "cache", "queue", "worker"], default: "http" },
    protocol: {
      enum: ["http1", "http2", "grpc", "tcp"],
      description: "defaults by kind: http -> http1, grpc -> grpc, db/cache/queue/worker -> tcp",
    },
    replicas: { ...positiveInteger, maximum: MAX_PODS, default: 1, description: `pods of the service; every service's together at most ${MAX_PODS}` },
    concurrency: {
      ...positiveInteger,
      default: 1,
      description: "requests one replica serves at once (worker threads, event loops, processes)",
    },
    serviceTime: { $ref: "#/definitions/distribution" },
    holdWorker: {
      type: "boolean",
      default: false,
      description: "thread-per-request: the worker stays busy while the service's own calls run",
    },
    meshed: { type: "boolean", default: true, description: "whether the pods get the mesh's data plane" },
    keepAlive: {
      type: "boolean",
      default: true,
      description: "whether the app reuses its outgoing connections (false: a new connection, and handshakes, per call)",
    },
    keepAliveIdleS: {
      ...positiveNumber,
      description: "the app's server keep-alive timeout, s (Node.js keepAliveTimeout: 5; gunicorn keepalive: 2 to 5 by version): connections to it idle this long close; default no limit",
    },
    mtls: {
      enum: ["off", "permissive", "strict"],
      description: "this service's mTLS mode, overriding the run's (meshes that allow per-service modes)",
    },
    external: {
      type: "boolean",
      default: false,
      description: "outside the cluster (a SaaS API, a payment gateway): never meshed, reached over externalRttMs",
    },
    nodes: {
      type: "array",
      items: { type: "integer", minimum: 0 },
      minItems: 1,
      description: "node indices the replicas are placed on, round-robin; default spreads all pods over all nodes",
    },
    labels: {
      type: "object",
      additionalProperties: { type: "string" },
      description: "pod labels (app, version): imported DestinationRule subsets select services by them",
    },
    clusters: {
      type: "object",
      minProperties: 1,
      additionalProperties: {
        oneOf: [
          { type: "integer", minimum: 0, maximum: MAX_PODS },
          { type: "object", minProperties: 1, additionalProperties: { type: "integer", minimum: 0, maximum: MAX_PODS } },
        ],
      },
      description:
        "replicas per cluster, by cluster name (clusters[].name): a count spread over the cluster's zones, or replicas per zone, e.g. { east: 2, west: { zone-a: 1 } }; replicas, if given, must be their sum. Default: replicas spread over the clusters in turn",
    },
    zones: {
      type: "object",
      additionalProperties: { type: "integer", minimum: 0, maximum: MAX_PODS },
      minProperties: 1,
      description: "replicas per zone, by zone name (cluster.zones), e.g. { zone-a: 2, zone-b: 1 }; replicas, if given, must be their sum. Default: replicas spread over the zones in turn",
    },
    topologyMode: {
      enum: ["Auto"],
      description:
        "the Service's service.kubernetes.io/topology-mode annotation: the EndpointSlice controller hints each endpoint to its zone when every zone has endpoints in proportion to its nodes (within 20%), and callers that follow hints keep to their zone",
    },
    clusterAffinity: {
      enum: ["local", "remote", "none"],
      description:
        "the Service's service.cilium.io/affinity annotation (a ClusterMesh global service): local keeps callers to their own cluster's endpoints while any is healthy, remote to the other clusters' first, none balances over all; read by meshes whose profile says multiCluster.serviceAffinity (cilium), ignored by the others as they ignore the annotation. Default: the mesh's multi-cluster mode decides",
    },
    trafficDistribution: {
      enum: ["PreferClose", "PreferSameZone"],
      description:
        "the Kubernetes Service's spec.trafficDistribution: callers prefer this service's endpoints in their own zone and use the others only when their zone has none (kube-proxy, and meshes whose proxies honour it); PreferClose is the older name of PreferSameZone",
    },
    cpuShare: {
      type: "number",
      minimum: 0,
      maximum: 1,
      default: 1,
      description:
        "the share of serviceTime that burns CPU on the node; the rest is waiting (disk, sleeps, locks) that holds the worker but no core (a cache: about 1; a database writing to disk or a service that sleeps: less)",
    },
    resources,
    autoscaling: AUTOSCALING_SCHEMA,
    failures: SERVICE_FAILURES_SCHEMA,
    runtime: { type: "string" },
    note: { type: "string" },
  },
  additionalProperties: false,
} as const;

const requestType = {
  type: "object",
  required: ["name", "entry"],
  properties: {
    name: { type: "string", pattern: NAME_PATTERN },
    weight: { ...positiveNumber, maximum: MAX_WEIGHT, default: 1 },
    entry: { type: "string", description: "the service the request enters through" },
    requestBytes: bytes,
    responseBytes: bytes,
    calls: { $ref: "#/definitions/callList" },
    headers: {
      type: "object",
      additionalProperties: { type: "string" },
      description: "headers the request carries (and the apps propagate to their calls), for header-based routes",
    },
    note: { type: "string" },
  },
  additionalProperties: false,
} as const;

/** The JSON Schema (draft-07) every scenario file must satisfy; time fields are at most a day (value-limits.ts). */
export const SCENARIO_SCHEMA = withTimeLimits({
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://meshsim.dev/schema/scenario.json",
  title: "meshsim scenario",
  type: "object",
  required: ["name", "services", "requestTypes", "load"],
  properties: {
    name: { type: "string", pattern: NAME_PATTERN },
    description: { type: "string" },
    source: { type: "string" },
    cluster,
    clusters,
    services: { type: "array", minItems: 1, items: { $ref: "#/definitions/service" } },
    requestTypes: { type: "array", minItems: 1, maxItems: MAX_REQUEST_TYPES, items: { $ref: "#/definitions/requestType" } },
    load,
    mesh,
    policies: {
      type: "array",
      description: "authorization policies: who may call a service (identity-based in the mesh's proxies, label-based in Cilium)",
      items: {
        type: "object",
        required: ["to", "allowFrom"],
        properties: {
          to: { type: "string", description: "the service the policy protects" },
          allowFrom: {
            type: "array",
            items: { type: "string" },
            description: "services allowed to call it (load-generator for the load generator); everyone else is denied",
          },
          l7: {
            type: "boolean",
            default: false,
            description: "the policy has HTTP-aware rules (paths, methods; Kafka topics), evaluated at L7: under Cilium the service's traffic passes the node's Envoy",
          },
          note: { type: "string" },
        },
        additionalProperties: false,
      },
    },
    traffic: {
      type: "array",
      description: "traffic rules the callers' proxies apply: splits, header routes, retries, timeouts, faults, load balancing, circuit breakers",
      maxItems: MAX_TRAFFIC_RULES,
      items: TRAFFIC_RULE_SCHEMA,
    },
    timeline: TIMELINE_SCHEMA,
    trafficConfig: {
      type: "array",
      items: { type: "string" },
      description: "Kubernetes manifests to import as traffic rules (Gateway API HTTPRoute, SMI TrafficSplit, Istio VirtualService and DestinationRule, Linkerd ServiceProfile, Kuma policies, Consul config entries), relative to this file",
    },
    pricing: {
      type: "object",
      description: "prices that turn the mesh's resources into money per month (730 hours)",
      required: ["vcpuHour", "gbHour"],
      properties: {
        vcpuHour: { ...nonNegativeNumber, maximum: MAX_PRICE_PER_HOUR, description: "price of one vCPU for one hour" },
        gbHour: { ...nonNegativeNumber, maximum: MAX_PRICE_PER_HOUR, description: "price of one GB of memory for one hour" },
        sameZoneGb: { ...nonNegativeNumber, maximum: MAX_PRICE_PER_HOUR, description: "price of one GB sent between two nodes of one zone (AWS, private addresses: 0)" },
        crossZoneGb: {
          ...nonNegativeNumber,
          maximum: MAX_PRICE_PER_HOUR,
          description: "price of one GB sent from one zone to another, both ends' charges together (AWS: 0.01 out of one zone plus 0.01 into the other = 0.02)",
        },
        crossRegionGb: { ...nonNegativeNumber, maximum: MAX_PRICE_PER_HOUR, description: "price of one GB sent between regions (AWS between US regions: 0.02); used once clusters span regions" },
        currency: { type: "string", default: "USD" },
      },
      additionalProperties: false,
    },
    notes: { type: "array", items: { type: "string" } },
  },
  additionalProperties: false,
  definitions: {
    distribution,
    service,
    requestType,
    callNode,
    callList: { type: "array", items: { $ref: "#/definitions/callNode" } },
  },
} as const);
