/**
 * Calls without a traffic layer: kube-proxy picks a pod behind the name at random (or, for a
 * meshed caller, the mesh's L4 balancer: ztunnel, the eBPF datapath), keeping to the caller's zone
 * where the Service asks and the balancer follows it; the pod's app serves the call, and nothing
 * can fail on the way but what the connection decides.
 */

import type { Rng } from "../../random/index.js";
import { callerLocalityMode, clusterPreference, CLUSTER_ALL, CLUSTER_LOCAL_FIRST, LOCALITY_HINTS, LOCALITY_NONE, type LocalityTables, type ServiceNetwork } from "../compile/index.js";
import { FAILURE_NO_ENDPOINTS } from "../model/index.js";
import type { CallFields } from "./call-fields.js";
import { countListed, nthListed } from "./listed-pods.js";
import type { CallFlow, CallRouting } from "./call-routing.js";

export class DirectCalls implements CallRouting {
  readonly #calls: CallFields;
  readonly #network: ServiceNetwork;
  readonly #balancing: Rng;
  readonly #flow: CallFlow;
  readonly #locality: LocalityTables | undefined;

  constructor(calls: CallFields, network: ServiceNetwork, balancing: Rng, flow: CallFlow, locality?: LocalityTables) {
    this.#locality = locality;
    this.#calls = calls;
    this.#network = network;
    this.#balancing = balancing;
    this.#flow = flow;
  }

  startCall(act: number): void {
    const service = this.#calls.host[act];
    const pods = this.#network.servicePods[service];
    // Autoscaling keeps a service's pods in balancing first (serviceActive); the zone lists hold
    // only those (RequestFlow.setActiveReplicas redoes them when the count changes).
    let chosen = pods;
    let count = this.#network.serviceActive[service];
    const locality = this.#locality;
    if (locality !== undefined) {
      const caller = this.#calls.callerPod[act];
      const zone = locality.podZone[caller];
      const mode = callerLocalityMode(locality, caller, service);
      if (mode !== LOCALITY_NONE && zone >= 0) {
        const local = (mode === LOCALITY_HINTS ? locality.hinted : locality.sameZone).localPods[zone * locality.serviceCount + service];
        if (local.length > 0) {
          chosen = local;
          count = local.length;
        }
      }
      // Across clusters, a caller that keeps to its cluster uses its replicas there when it has any
      // (a same-zone choice above is already among them); to a Service whose affinity is remote, the others'.
      const preference = chosen === pods && zone >= 0 ? clusterPreference(locality, caller, service) : CLUSTER_ALL;
      if (preference !== CLUSTER_ALL) {
        const key = zone * locality.serviceCount + service;
        const preferred = preference === CLUSTER_LOCAL_FIRST ? locality.sameCluster!.localPods[key] : locality.sameCluster!.remotePods[key];
        if (preferred.length > 0) {
          chosen = preferred;
          count = preferred.length;
        }
      }
    }
    if (this.#network.serviceOut[service] > 0) {
      this.#sendListed(act, chosen, count, service);
      return;
    }
    this.#flow.send(act, count === 1 ? chosen[0] : chosen[Math.floor(this.#balancing() * count)]);
  }

  /**
   * Some of the service's pods are out of its endpoints: kube-proxy (or the mesh's L4 balancer)
   * picks among the listed ones of `chosen`, else of all the service's; with none, a Service
   * without endpoints rejects the connection.
   */
  #sendListed(act: number, chosen: Int32Array, count: number, service: number): void {
    const podOut = this.#network.podOut;
    let listed = countListed(chosen, count, podOut);
    if (listed === 0 && chosen !== this.#network.servicePods[service]) {
      chosen = this.#network.servicePods[service];
      count = this.#network.serviceActive[service];
      listed = countListed(chosen, count, podOut);
    }
    if (listed === 0) {
      this.#flow.fail(act, FAILURE_NO_ENDPOINTS);
      return;
    }
    this.#flow.send(act, nthListed(chosen, count, podOut, Math.floor(this.#balancing() * listed)));
  }


  atServer(act: number): void {
    const network = this.#network;
    network.stations[network.podStation[this.#calls.calleePod[act]]].arrive(act);
  }

  answer(): void {}

  tryFinished(act: number): void {
    this.#flow.iterationDone(act);
  }
}
