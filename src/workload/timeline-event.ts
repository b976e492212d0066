/**
 * The scenario's timeline: events at given times into the measured window that change the
 * system while the load runs (a canary's weights, a dependency's outage, pods killed and
 * restarted, certificates rotated). Their effects are the model's: this file only says when.
 */

/** Traffic weights of a host's backends change (a canary step, as Flagger or Argo Rollouts move it). */
export interface WeightsEvent {
  atS: number;
  kind: "weights";
  host: string;
  /** Weight of each backend service of every route of the host's rule. */
  weights: Record<string, number>;
}

/** Replicas of a service refuse connections for `durationS` (a database or an API down). */
export interface OutageEvent {
  atS: number;
  kind: "outage";
  service: string;
  /** Replica indices affected. */
  replicas: number[];
  durationS: number;
}

/**
 * Replicas of a service are killed and come back after `downS`: calls they hold fail with a
 * reset, their connections close (callers reconnect with full handshakes), and they refuse
 * connections until they are back.
 */
export interface RestartEvent {
  atS: number;
  kind: "restart";
  service: string;
  replicas: number[];
  downS: number;
}

/**
 * A rolling update of a service's Deployment: its pods replaced in waves of up to maxSurge +
 * maxUnavailable new pods, maxUnavailable old ones stopped at the wave's start (cluster/'s
 * rolloutWaves); new pods start cold and join the endpoints when ready.
 */
export interface RolloutEvent {
  atS: number;
  kind: "rollout";
  service: string;
  /** Pods above the replicas, or a percentage of them ("25%"). */
  maxSurge: number | string;
  /** Pods that may be unavailable, or a percentage ("25%"). */
  maxUnavailable: number | string;
  /** From a new pod's creation to its containers running, s (the proxy's start-up comes on top). */
  podStartupS: number;
}

/**
 * Nodes stop (a machine lost, or every node of a zone): their pods die at once, stay in their
 * Services' endpoints until the node controller's grace period marks them not ready, and are
 * evicted and recreated elsewhere after their tolerationSeconds.
 */
export interface NodeDownEvent {
  atS: number;
  kind: "node-down";
  /** Node indices. */
  nodes: number[];
  /** The zone's name when the event was `zoneDown`. */
  zone?: string;
  /** The cluster's name when the event was `clusterDown`. */
  cluster?: string;
  /** Seconds from the node's NotReady taint to its pods' eviction (default 300). */
  tolerationSeconds: number;
}

/** Every workload certificate is replaced: pooled connections reconnect with full handshakes. */
export interface RotateCertificatesEvent {
  atS: number;
  kind: "rotate-certificates";
}

export type TimelineEvent = WeightsEvent | OutageEvent | RestartEvent | RolloutEvent | NodeDownEvent | RotateCertificatesEvent;

/**
 * Seconds a killed container stays down by default: the kubelet restarts a crashed container
 * after a back-off that starts at 10 s (Kubernetes documentation, Pod Lifecycle, "Container
 * restarts": "exponential backoff delay (10s, 20s, 40s, …)",
 * https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts).
 */
export const DEFAULT_RESTART_DOWN_S = 10;

/**
 * The events in time order; equal times keep their listed order.
 * @example sortTimeline([{ atS: 5, kind: "rotate-certificates" }, { atS: 1, kind: "rotate-certificates" }])[0].atS // 1
 */
export function sortTimeline<T extends { atS: number }>(events: readonly T[]): T[] {
  return events.map((event, order) => ({ event, order })).sort((a, b) => a.event.atS - b.event.atS || a.order - b.order).map(({ event }) => event);
}

/**
 * What a node failure took down: its cluster, its zone or its nodes by index.
 * @example lostNodesLabel({ atS: 5, kind: "node-down", nodes: [2], tolerationSeconds: 300 }) // "node 2"
 */
export function lostNodesLabel(event: NodeDownEvent): string {
  if (event.cluster !== undefined) return `cluster ${event.cluster}`;
  return event.zone !== undefined ? `zone ${event.zone}` : `node ${event.nodes.join(", ")}`;
}

/**
 * The event in a few words, for results and charts.
 * @example describeTimelineEvent({ atS: 30, kind: "outage", service: "db", replicas: [0], durationS: 10 }) // "outage: db for 10 s"
 */
export function describeTimelineEvent(event: TimelineEvent): string {
  switch (event.kind) {
    case "weights":
      return `weights ${event.host}: ${Object.entries(event.weights).map(([service, weight]) => `${service} ${weight}`).join(", ")}`;
    case "outage":
      return `outage: ${event.service} for ${event.durationS} s`;
    case "restart":
      return `restart: ${event.replicas.length} pod${event.replicas.length === 1 ? "" : "s"} of ${event.service}, down ${event.downS} s`;
    case "rollout":
      return `rollout: ${event.service}, maxSurge ${event.maxSurge}, maxUnavailable ${event.maxUnavailable}`;
    case "node-down":
      if (event.cluster !== undefined) return `cluster down: ${event.cluster}`;
      return event.zone !== undefined ? `zone down: ${event.zone}` : `node down: ${event.nodes.map((node) => `node ${node}`).join(", ")}`;
    case "rotate-certificates":
      return "certificates rotate";
  }
}
