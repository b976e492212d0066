/**
 * When the timeline's pods leave and rejoin their Services' endpoints. Kubernetes publishes the
 * change (a dead container's pod turns not ready within the kubelet's relist; a terminating pod
 * at once; a new pod once ready) and the mesh's control plane carries it to the callers' proxies
 * (the profile's dataPlane.endpointUpdateMs); only then do callers stop or start picking the pod.
 * Until it leaves, a dead pod refuses connections (its outage window) or, terminating, finishes
 * what it gets. One event per pod and change, none per request.
 */

import { CONTAINER_EXIT_DETECTION_MS, DEFAULT_POD_STARTUP_S } from "../../cluster/index.js";
import { secondsToSimTime, type Simulation } from "../../engine/index.js";
import type { MeshProfile, RequestFlow } from "../../mesh/index.js";

export class PodEndpoints {
  readonly #sim: Simulation;
  readonly #flow: RequestFlow;
  /** From Kubernetes' endpoint change to the callers' balancers, ms. */
  readonly updateMs: number;
  readonly #profile: MeshProfile;
  /** When each pod's pending change lands (Infinity: none); a firing that does not match is stale. */
  readonly #leaveAt: Float64Array;
  readonly #joinAt: Float64Array;
  readonly #replaceAt: Float64Array;
  readonly #leaveKind: number;
  readonly #joinKind: number;
  readonly #replaceKind: number;

  constructor(sim: Simulation, flow: RequestFlow, profile: MeshProfile) {
    this.#sim = sim;
    this.#flow = flow;
    this.updateMs = profile.dataPlane?.endpointUpdateMs ?? 0;
    this.#profile = profile;
    const podCount = flow.network.podCount;
    this.#leaveAt = new Float64Array(podCount).fill(Infinity);
    this.#joinAt = new Float64Array(podCount).fill(Infinity);
    this.#replaceAt = new Float64Array(podCount).fill(Infinity);
    this.#leaveKind = sim.on("endpoint-leaves", (pod) => {
      if (this.#leaveAt[pod] !== sim.now) return;
      this.#leaveAt[pod] = Infinity;
      flow.setEndpoint(pod, false);
    });
    this.#joinKind = sim.on("endpoint-joins", (pod) => {
      if (this.#joinAt[pod] !== sim.now) return;
      this.#joinAt[pod] = Infinity;
      flow.setEndpoint(pod, true);
    });
    // A new pod takes over from an old one that served until then: the old one's connections close
    // (idle ones now, busy ones after their call) and callers meet the new one cold.
    this.#replaceKind = sim.on("endpoint-replaced", (pod) => {
      if (this.#replaceAt[pod] !== sim.now) return;
      this.#replaceAt[pod] = Infinity;
      flow.connections.closePodConnections([pod]);
      flow.setEndpoint(pod, false);
      flow.setEndpoint(pod, true);
    });
  }

  /**
   * From a new pod's creation to its readiness, ms: the pod's start-up (`podStartupS`, default
   * Kubernetes' start-up SLO) and, for a meshed pod with a sidecar, its proxy's.
   */
  startupMs(pod: number, podStartupS = DEFAULT_POD_STARTUP_S): number {
    return podStartupMs(this.#profile, this.#flow.network.podMeshed[pod] === 1, podStartupS);
  }

  /**
   * The pods' containers die now (a crash, a kill): calls they hold reset, their connections close;
   * they leave the endpoints once the kubelet has seen it and the change has spread, and rejoin
   * `downMs` from now (their containers restarted and ready) once that has spread too; back
   * within the kubelet's relist, they never leave.
   */
  kill(pods: readonly number[], downMs: number): void {
    this.#flow.restartPods(pods);
    // Back before the kubelet's relist could see them gone: the endpoints never change.
    if (downMs <= CONTAINER_EXIT_DETECTION_MS) return;
    for (const pod of pods) {
      this.leave(pod, CONTAINER_EXIT_DETECTION_MS);
      this.join(pod, downMs);
    }
  }

  /** The pod leaves the callers' endpoints `afterMs` from now plus the change's spread. */
  leave(pod: number, afterMs: number): void {
    this.#at(this.#leaveAt, this.#leaveKind, pod, afterMs + this.updateMs);
  }

  /** The pod joins the callers' endpoints (as a new endpoint) `afterMs` from now plus the spread. */
  join(pod: number, afterMs: number): void {
    this.#at(this.#joinAt, this.#joinKind, pod, afterMs + this.updateMs);
  }

  /**
   * A new pod, ready `afterMs` from now, replaces the old one in its place once the change has
   * spread; the old one serves until then.
   */
  replace(pod: number, afterMs: number): void {
    this.#at(this.#replaceAt, this.#replaceKind, pod, afterMs + this.updateMs);
  }

  // --- internal ---

  #at(times: Float64Array, kind: number, pod: number, delayMs: number): void {
    times[pod] = this.#sim.now + delayMs;
    this.#sim.schedule(delayMs, kind, pod);
  }
}

/**
 * From a new pod's creation to its readiness, ms: the pod's start-up and, in a meshed pod with a
 * sidecar, its proxy's (the profile's dataPlane.proxyStartupS).
 */
export function podStartupMs(profile: MeshProfile, meshed: boolean, podStartupS = DEFAULT_POD_STARTUP_S): number {
  const proxy = meshed && profile.architecture === "sidecar" ? (profile.dataPlane?.proxyStartupS ?? 0) : 0;
  return secondsToSimTime(podStartupS + proxy);
}
