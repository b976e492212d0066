/**
 * Calls without a traffic layer: kube-proxy picks a pod behind the name at random, the pod's
 * app serves the call, and nothing can fail on the way but what the connection decides.
 */

import type { Rng } from "../../random/index.js";
import type { ServiceNetwork } from "../compile/index.js";
import type { CallFields } from "./call-fields.js";
import type { CallFlow, CallRouting } from "./call-routing.js";

export class DirectCalls implements CallRouting {
  readonly #calls: CallFields;
  readonly #network: ServiceNetwork;
  readonly #balancing: Rng;
  readonly #flow: CallFlow;

  constructor(calls: CallFields, network: ServiceNetwork, balancing: Rng, flow: CallFlow) {
    this.#calls = calls;
    this.#network = network;
    this.#balancing = balancing;
    this.#flow = flow;
  }

  startCall(act: number): void {
    const service = this.#calls.host[act];
    const pods = this.#network.servicePods[service];
    const active = this.#network.serviceActive[service];
    this.#flow.send(act, active === 1 ? pods[0] : pods[Math.floor(this.#balancing() * active)]);
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
