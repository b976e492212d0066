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

/** Every workload certificate is replaced: pooled connections reconnect with full handshakes. */
export interface RotateCertificatesEvent {
  atS: number;
  kind: "rotate-certificates";
}

export type TimelineEvent = WeightsEvent | OutageEvent | RestartEvent | RotateCertificatesEvent;

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
    case "rotate-certificates":
      return "certificates rotate";
  }
}
