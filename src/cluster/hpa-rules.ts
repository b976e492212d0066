/**
 * The HorizontalPodAutoscaler's rules for one CPU Utilization metric, as the Kubernetes controller
 * applies them each sync: the replica calculation with its tolerance and its treatment of pods
 * not ready yet, the scale-down stabilisation window, the default scale-up policies, and
 * min/max. Pure: the simulator measures the CPU and acts on the answer.
 */

/** The controller's sync period, ms (kube-controller-manager `--horizontal-pod-autoscaler-sync-period`, default 15 s). */
export const HPA_SYNC_PERIOD_MS = 15_000;
/** No change while |1 - utilisation / target| is within this (`--horizontal-pod-autoscaler-tolerance`, default 0.1). */
export const HPA_TOLERANCE = 0.1;
/** Scale-down takes the highest recommendation of this window, ms (`behavior.scaleDown.stabilizationWindowSeconds`, default 300). */
export const HPA_SCALE_DOWN_WINDOW_MS = 300_000;
/** Default scale-up policies, per 15 s: add 100% of the replicas or 4 pods, whichever is more (`behavior.scaleUp.policies`). */
export const HPA_SCALE_UP_PERCENT = 100;
export const HPA_SCALE_UP_PODS = 4;
/**
 * From a new pod's creation to its readiness, s, by default: Kubernetes' pod start-up latency SLO
 * (99th percentile of stateless pods, image pulls excluded: 5 s, sig-scalability's
 * slos/pod_startup_latency.md). A scenario sets its own with `autoscaling.podStartupS`.
 */
export const DEFAULT_POD_STARTUP_S = 5;

/** What one sync sees of a scaled workload. */
export interface HpaReading {
  /** The workload's replicas now (spec.replicas: ready pods and pods still starting). */
  replicas: number;
  /** Pods ready now (they receive calls; their CPU is measured). */
  ready: number;
  /** vCPU the ready pods used in all (mean over the sync period). */
  usedVcpu: number;
  /** CPU request of one pod, vCPU (all its containers: app and sidecar). */
  requestVcpu: number;
  /** Target utilisation, percent of requests. */
  targetPercent: number;
}

/**
 * The replica count the utilisation asks for, before stabilisation and limits: ceil(ready x
 * utilisation / target), the current count when within the tolerance. When scaling up, pods
 * still starting count at 0% usage and the ratio is recomputed; if that falls within the
 * tolerance or reverses the direction, nothing changes (the controller's replica calculator).
 * @example replicaRecommendation({ replicas: 2, ready: 2, usedVcpu: 1.8, requestVcpu: 1, targetPercent: 60 }) // 3
 */
export function replicaRecommendation(reading: HpaReading): number {
  const { replicas, ready, usedVcpu, requestVcpu, targetPercent } = reading;
  if (ready === 0) return replicas;
  const target = targetPercent / 100;
  const ratio = usedVcpu / (ready * requestVcpu) / target;
  const starting = replicas - ready;
  if (starting <= 0 || ratio <= 1) {
    if (Math.abs(1 - ratio) <= HPA_TOLERANCE) return replicas;
    return Math.ceil(ratio * ready);
  }
  const withStarting = usedVcpu / (replicas * requestVcpu) / target;
  if (Math.abs(1 - withStarting) <= HPA_TOLERANCE || withStarting < 1) return replicas;
  return Math.ceil(withStarting * replicas);
}

/**
 * One autoscaler's memory across syncs: the recommendations of the last scale-down window. Its
 * first sync records the replicas it found as a recommendation, as the controller's
 * recordInitialRecommendation does (kubernetes pkg/controller/podautoscaler/horizontal.go), so a
 * new autoscaler does not scale below its starting count within the first window.
 * @example const hpa = new HpaController(1, 10); hpa.decide(0, 2, 3) // 3
 */
export class HpaController {
  readonly #min: number;
  readonly #max: number;
  readonly #atMs: number[] = [];
  readonly #recommended: number[] = [];
  #seeded = false;

  constructor(minReplicas: number, maxReplicas: number) {
    this.#min = minReplicas;
    this.#max = maxReplicas;
  }

  /**
   * The replicas to run from `nowMs`, given the current count and this sync's raw recommendation:
   * scale-up at once within the default policies, scale-down to the highest recommendation of
   * the stabilisation window, within min and max.
   */
  decide(nowMs: number, replicas: number, recommended: number): number {
    const bounded = Math.min(this.#max, Math.max(this.#min, recommended));
    if (!this.#seeded) {
      this.#seeded = true;
      this.#atMs.push(nowMs);
      this.#recommended.push(replicas);
    }
    while (this.#atMs.length > 0 && this.#atMs[0] <= nowMs - HPA_SCALE_DOWN_WINDOW_MS) {
      this.#atMs.shift();
      this.#recommended.shift();
    }
    this.#atMs.push(nowMs);
    this.#recommended.push(bounded);
    // Scale-down stabilisation: never below any recommendation of the window (this one included).
    const floor = Math.max(...this.#recommended);
    let next = Math.min(replicas, floor);
    if (bounded > replicas) {
      const upLimit = Math.max(replicas + HPA_SCALE_UP_PODS, Math.ceil((replicas * (100 + HPA_SCALE_UP_PERCENT)) / 100));
      next = Math.min(bounded, upLimit);
    }
    return Math.min(this.#max, Math.max(this.#min, next));
  }
}
