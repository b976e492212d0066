/**
 * The pod a call gets when it bypasses the traffic rules (its caller's proxy applies none, or it
 * has no proxy): kube-proxy's pick, or the mesh's L4 path (ztunnel, the eBPF datapath) for a
 * meshed caller. Uniform over the host's pods in balancing and in their Services' endpoints,
 * narrowed to the caller's zone (or the pods hinted for it) when the Service asks and the caller
 * follows that, and to a cluster first across clusters.
 */

import type { Rng } from "../../../random/index.js";
import { callerLocalityMode, clusterPreference, CLUSTER_ALL, CLUSTER_LOCAL_FIRST, LOCALITY_HINTS, LOCALITY_NONE, type LocalityTables, type TrafficPlan } from "../../compile/index.js";
import type { EndpointFlags } from "./endpoint-flags.js";
import { countListed, nthListed } from "../listed-pods.js";

export class BypassPicks {
  readonly #plan: TrafficPlan;
  readonly #servicePods: Int32Array[];
  /** Pods of each service in balancing (the first of servicePods), as the autoscaler leaves them. */
  readonly #serviceActive: Int32Array;
  readonly #endpoints: EndpointFlags;
  /** The traffic control's stream: the picks draw from it in the order the calls come. */
  readonly #rng: Rng;
  readonly #locality: LocalityTables | undefined;

  constructor(plan: TrafficPlan, servicePods: Int32Array[], serviceActive: Int32Array, endpoints: EndpointFlags, rng: Rng, locality: LocalityTables | undefined) {
    this.#plan = plan;
    this.#servicePods = servicePods;
    this.#serviceActive = serviceActive;
    this.#endpoints = endpoints;
    this.#rng = rng;
    this.#locality = locality;
  }

  /** A pod for a call from `callerPod` to `host`; -1 when none is in the endpoints. */
  pick(host: number, callerPod: number): number {
    const locality = this.#locality;
    const mode = locality !== undefined && host < locality.serviceCount ? callerLocalityMode(locality, callerPod, host) : LOCALITY_NONE;
    if (mode !== LOCALITY_NONE && locality!.podZone[callerPod] >= 0) {
      const table = mode === LOCALITY_HINTS ? locality!.hinted : locality!.sameZone;
      const pod = this.#pickLocalPod(table.localPods[locality!.podZone[callerPod] * locality!.serviceCount + host]);
      if (pod >= 0) return pod;
    }
    const zone = locality !== undefined && host < locality.serviceCount ? locality.podZone[callerPod] : -1;
    const preference = zone >= 0 ? clusterPreference(locality!, callerPod, host) : CLUSTER_ALL;
    if (preference !== CLUSTER_ALL) {
      // Across clusters: a Service's endpoints (or a local-first mesh's) are its own cluster's first;
      // a Service whose affinity is remote has the other clusters' first.
      const key = zone * locality!.serviceCount + host;
      const sameCluster = locality!.sameCluster!;
      const pod = this.#pickLocalPod(preference === CLUSTER_LOCAL_FIRST ? sameCluster.localPods[key] : sameCluster.remotePods[key]);
      if (pod >= 0) return pod;
    }
    // Over the pods in balancing (an autoscaler's first serviceActive[s] of each service); with
    // every pod in balancing this is a uniform pick over bypassPods, draw for draw.
    const services = this.#plan.bypassServices[host];
    if (this.#anyOut(this.#plan.bypassPods[host])) return this.#pickListedActive(services);
    let total = 0;
    for (let i = 0; i < services.length; i++) total += this.#serviceActive[services[i]];
    let rank = total === 1 ? 0 : Math.floor(this.#rng() * total);
    for (let i = 0; i < services.length; i++) {
      const active = this.#serviceActive[services[i]];
      if (rank < active) return this.#servicePods[services[i]][rank];
      rank -= active;
    }
    return this.#plan.bypassPods[host][0];
  }

  // --- internal ---

  #anyOut(pods: Int32Array): boolean {
    if (this.#endpoints.outTotal[0] === 0) return false;
    const podOut = this.#endpoints.podOut;
    for (let i = 0; i < pods.length; i++) if (podOut[pods[i]] === 1) return true;
    return false;
  }

  /**
   * A pod among `services`' pods in balancing (each one's first serviceActive) and in their
   * Services' endpoints, uniformly; -1 when none is.
   */
  #pickListedActive(services: Int32Array | readonly number[]): number {
    const podOut = this.#endpoints.podOut;
    let listed = 0;
    for (let i = 0; i < services.length; i++) listed += countListed(this.#servicePods[services[i]], this.#serviceActive[services[i]], podOut);
    if (listed === 0) return -1;
    let rank = Math.floor(this.#rng() * listed);
    for (let i = 0; i < services.length; i++) {
      const pods = this.#servicePods[services[i]];
      const here = countListed(pods, this.#serviceActive[services[i]], podOut);
      if (rank < here) return nthListed(pods, this.#serviceActive[services[i]], podOut, rank);
      rank -= here;
    }
    return -1;
  }

  /** A pod of `local` in its Service's endpoints, uniformly; -1 when none is. */
  #pickLocalPod(local: Int32Array): number {
    if (this.#anyOut(local)) {
      const podOut = this.#endpoints.podOut;
      const listed = countListed(local, local.length, podOut);
      return listed > 0 ? nthListed(local, local.length, podOut, Math.floor(this.#rng() * listed)) : -1;
    }
    if (local.length === 0) return -1;
    return local.length === 1 ? local[0] : local[Math.floor(this.#rng() * local.length)];
  }
}
