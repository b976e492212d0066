/**
 * Kubernetes' timing of a pod's life that the timeline's events follow: how soon a dead container
 * takes its pod out of its Service's endpoints, how long a node may stay silent before its pods
 * are marked not ready and then evicted, and how a Deployment's rolling update sizes its waves.
 * Pure: the runner schedules what these say.
 */

/**
 * From a container's exit to its pod's Ready condition turning false, ms: the kubelet's pod
 * lifecycle event generator relists containers every second (kubernetes/kubernetes
 * pkg/kubelet/kubelet.go, genericPlegRelistPeriod = time.Second * 1), then posts the status. The
 * EndpointSlice controller acts on the change at once (kube-controller-manager
 * `--endpointslice-updates-batch-period`, default 0: no batching).
 */
export const CONTAINER_EXIT_DETECTION_MS = 1000;

/**
 * How long a node may fail to post its status before the node controller marks it NotReady
 * (Unknown) and its pods not ready, s: kube-controller-manager `--node-monitor-grace-period`,
 * default 50s since Kubernetes 1.32 (40s before; kubernetes/kubernetes#127352 discusses the 50 s).
 */
export const NODE_MONITOR_GRACE_PERIOD_S = 50;

/**
 * How long a pod stays bound to an unreachable or not-ready node after its NoExecute taint, s: the
 * DefaultTolerationSeconds admission plugin gives every pod tolerations for
 * node.kubernetes.io/not-ready and /unreachable with tolerationSeconds 300 (kube-apiserver
 * `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds`,
 * default 300; kubernetes.io, "Taints and Tolerations", taint based evictions).
 */
export const DEFAULT_TOLERATION_SECONDS = 300;

/**
 * A Deployment's rolling update defaults, percent of the replicas: maxSurge 25 % (rounded up) and
 * maxUnavailable 25 % (rounded down) (kubernetes.io, "Deployments", Rolling Update Deployment).
 */
export const DEFAULT_MAX_SURGE_PERCENT = 25;
export const DEFAULT_MAX_UNAVAILABLE_PERCENT = 25;

/** A rolling update's limits in pods. */
export interface RolloutLimits {
  /** Pods the update may create above the replicas. */
  surge: number;
  /** Pods that may be unavailable below the replicas. */
  unavailable: number;
}

/**
 * maxSurge and maxUnavailable in pods for `replicas`, as the Deployment controller resolves them
 * (kubernetes/kubernetes pkg/controller/deployment/util ResolveFenceposts): a percentage of the
 * replicas, surge rounded up and unavailable down; both 0 would never progress, so unavailable
 * becomes 1. A number (not a percentage) is taken as pods.
 * @example rolloutLimits(4, "25%", "25%") // { surge: 1, unavailable: 1 }
 */
export function rolloutLimits(replicas: number, maxSurge: number | string, maxUnavailable: number | string): RolloutLimits {
  const surge = Math.max(0, Math.ceil(podsOf(replicas, maxSurge) - 1e-9));
  let unavailable = Math.floor(podsOf(replicas, maxUnavailable) + 1e-9);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, replicas) };
}

/** One step of a rolling update: pods stopped at its start, pods replaced with no gap, when it ends. */
export interface RolloutWave {
  /** Replica indices stopped when the wave starts (out until their new pods are ready). */
  stopped: number[];
  /** Replica indices whose old pods keep serving until their new pods are ready. */
  replaced: number[];
}

/**
 * The waves of a rolling update over `replicas` replicas: each wave starts up to surge + unavailable
 * new pods, stopping `unavailable` old ones at once and the others when the new ones are ready, as
 * the controller does when every new pod takes the same time to become ready.
 * @example rolloutWaves(4, { surge: 1, unavailable: 0 }).length // 4
 */
export function rolloutWaves(replicas: number, limits: RolloutLimits): RolloutWave[] {
  const size = Math.max(1, limits.surge + limits.unavailable);
  const waves: RolloutWave[] = [];
  for (let first = 0; first < replicas; first += size) {
    const wave = Array.from({ length: Math.min(size, replicas - first) }, (_, i) => first + i);
    const stopped = wave.slice(0, Math.min(limits.unavailable, wave.length));
    waves.push({ stopped, replaced: wave.slice(stopped.length) });
  }
  return waves;
}

// --- internal ---

function podsOf(replicas: number, value: number | string): number {
  if (typeof value === "number") return value;
  return (replicas * Number.parseFloat(value)) / 100;
}
