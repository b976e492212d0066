/**
 * The largest (and a few smallest) values a scenario's numbers may take, each chosen from what
 * breaks beyond it, so that every value the schema accepts runs or is refused before the run
 * (README "What meshsim guarantees"). Time fields get their bound by name, as duration strings do.
 */

import { mapTimeFields } from "./duration-fields.js";

/**
 * The longest any one time field may be: a day. Simulated time is a double in ms and latencies are
 * recorded in ns up to 2^53 ns (about 104 days); a day per field leaves a request room to chain
 * dozens of such delays, and keeps every instant of a run exact to well under a nanosecond.
 */
export const MAX_TIME_MS = 86_400_000;

/**
 * Largest request or response: 1 GiB. A call carries one message; at the slowest bandwidth allowed
 * (MIN_BANDWIDTH_GBPS) it crosses the wire in 2.4 hours, inside MAX_TIME_MS.
 */
export const MAX_MESSAGE_BYTES = 2 ** 30;

/** Slowest network: 1 Mbit/s (see MAX_MESSAGE_BYTES). */
export const MIN_BANDWIDTH_GBPS = 0.001;

/**
 * Smallest coefficient of variation of a lognormal or gamma time: 0.001. Results are histograms of
 * relative error 2^-10 (0.1%), so less variation cannot show; a gamma's shape (1/cv^2) stays 10^6
 * instead of overflowing to Infinity (cv 1e-300).
 */
export const MIN_CV = 0.001;

/**
 * Largest coefficient of variation: 10. The mean of n samples is off by cv/sqrt(n) (one standard
 * error): at cv 10 a run's 10^5 calls get the mean within 3%, at 100 within 30%, so the run would
 * not see the mean it was given; cv 1e300 makes a lognormal's sigma Infinity (NaN times).
 */
export const MAX_CV = 10;

/**
 * Most Erlang stages: 100. A sample draws k random numbers (cost linear in k: k 1e9 never ends);
 * Erlang-k is the gamma of cv 1/sqrt(k), which samples at a constant cost for any cv.
 */
export const MAX_ERLANG_K = 100;

/**
 * Most worker threads of one proxy instance (a profile's dataPlane.proxy.workers, or an override):
 * 1,024, beyond the largest machines' cores (Envoy's --concurrency defaults to the cores); a
 * proxy keeps state per worker, so workers 1e9 would fill memory.
 */
export const MAX_PROXY_WORKERS = 1024;

/** Largest slow-replica factor: 1000 (a 1 ms service takes 1 s); slower is down: use outages. */
export const MAX_SLOW_FACTOR = 1000;

/** Most repetitions of one call node: 10,000; the plan's work estimate bounds their product. */
export const MAX_REPEAT = 10_000;

/** Largest relative weight (request types, route backends): their sums stay finite and exact. */
export const MAX_WEIGHT = 1e12;

/** Highest price per vCPU-hour or GB-hour: no cloud is near it, and money sums stay finite. */
export const MAX_PRICE_PER_HOUR = 1e6;

/**
 * Most nodes: 5,000, the largest cluster Kubernetes supports
 * (https://kubernetes.io/docs/setup/best-practices/cluster-large/). Nodes carry per-node CPUs
 * and agents; cluster.nodes 2^53-1 could not even be allocated.
 */
export const MAX_NODES = 5_000;

/**
 * Most pods in all (every service's replicas, and the ingress gateway's): 20,000. What the network
 * keeps per pair of pods is bounded on its own (MAX_POD_PAIRS), and nothing is kept per pod and
 * service or per pair of services (client views, retry budgets and the pairs' numbering keep only
 * the pairs in use), so this bounds what a run keeps per pod: its stations, containers and
 * counters. Measured, one replication of 2,000 requests: 400 services of 50 pods (four tiers, each
 * calling the next; 750,000 pairs) 0.79-1.1 s and 190-215 MB without a mesh, 1.6-1.7 s and 300 MB
 * under Istio, most of it building the network, and all ten meshes at 2 s of load (`--mesh all`,
 * 4 replications on 2 workers) 88 s and 1.4 GB; 20,000 services of one pod (50 request types) 0.84
 * s and 216 MB without a mesh, 1.5 s and 302 MB under Istio.
 */
export const MAX_PODS = 20_000;

/**
 * Most pairs of pods a call can take (each caller's pods times the pods of the services it calls,
 * a rule's host counting every service behind it): 4 x 10^6, the pairs 2,000 pods made when the
 * network kept every pair of pods (then its limit). The network keeps chains, a connection pool,
 * mTLS state and a policy per pair: at 4 x 10^6 pairs a replication took 1.3-1.5 s and 320 MB
 * under Istio, and all ten meshes at 2 s of load (4 replications on 2 workers) 92-107 s and
 * 1.45-1.6 GB (measured with every pair of 2,000 pods kept).
 */
export const MAX_POD_PAIRS = 4_000_000;

/**
 * Most request types: 1,000. Each keeps a latency histogram of 280 KiB (35,840 buckets) in every
 * replication being run and in the run's summary: 1,000 types of a 4,000-service application, two
 * replications on two workers, peaked at 0.94 GB, and 5,000 at 3.4 GB (measured). Imported traces
 * keep their 1,000 most frequent entry operations.
 */
export const MAX_REQUEST_TYPES = 1_000;

/**
 * Most traffic rules, written and imported: 10,000, each host a rule of its own at most. Clients'
 * retry budgets and the rules' counters are found by (client, host) and (host, service) keys of 31
 * bits (SparseIds): 20,001 clients x (20,000 services + 10,000 hosts) stays below 2^31.
 */
export const MAX_TRAFFIC_RULES = 10_000;

/**
 * Most connections or users of the load: 200,000, the calls a run may hold in flight
 * (DEFAULT_MAX_IN_FLIGHT): a closed loop's users each hold an event and a call, and an open
 * loop's connections beyond the calls in flight are never used.
 */
export const MAX_LOAD_CONNECTIONS = 200_000;

/**
 * A copy of `schema` in which every numeric time field (`durationS`, `timeoutMs`) is at most
 * MAX_TIME_MS in its unit.
 * @example withTimeLimits({ properties: { durationS: { type: "number" } } }).properties.durationS.maximum // 86400
 */
export function withTimeLimits<T extends object>(schema: T): T {
  return mapTimeFields(schema, (property, unit) => ({ ...property, maximum: unit === "s" ? MAX_TIME_MS / 1000 : MAX_TIME_MS }));
}

/**
 * Most events on a scenario's timeline: 1,000. Each is listed in every run's `events` and marked on
 * the charts over time: 1,000 drew in seconds, 10,000 took minutes, and 200,000 overflowed the
 * stack while the run's events were gathered (measured).
 */
export const MAX_TIMELINE_EVENTS = 1_000;

/**
 * Deepest nesting of objects and arrays in an input document: 512 levels. Schema validation and the
 * resolver recurse once per level and run out of stack near 1,800 (a call tree 900 calls deep);
 * each call in a call tree takes two levels, so 512 still holds calls 250 deep, far past any
 * application's.
 */
export const MAX_NESTING_DEPTH = 512;
