/**
 * The error for a pod that fits on no node: the run cannot start, and the message (one line) names
 * the pod, what it requests and the most room any node has left. What it carries besides lets the
 * caller name the scenario field to change.
 */

/** A resource a pod requests: CPU or memory. */
export type PodResource = "cpu" | "memory";

/** Why a pod fits nowhere, for a caller that names the setting behind it. */
export interface UnschedulableDetail {
  /** The pod's `owner` (PodToSchedule), when the caller gave one; absent for a daemon. */
  owner?: number;
  /** A per-node agent (DaemonSet pod), which every node must hold. */
  daemon?: boolean;
  /**
   * The resources the pod requests more of than a node with no pods but the daemons holds: the
   * pod is too large for the machine. Empty when such a node would hold it and other pods took the room.
   */
  tooLarge: PodResource[];
  /** Whether the pod may run only on some nodes (PodToSchedule.nodes). */
  restricted?: boolean;
}

/** A pod the scheduler cannot place; the command line shows the message and exits 2 (bad input). */
export class UnschedulableError extends Error {
  constructor(
    /** The pod that did not fit, e.g. `productpage-2` or the daemon `ztunnel`. */
    readonly pod: string,
    message: string,
    readonly detail: UnschedulableDetail = { tooLarge: [] },
  ) {
    super(message);
    this.name = "UnschedulableError";
  }
}
