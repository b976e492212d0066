/**
 * The error for a pod that fits on no node: the run cannot start, and the message (one line) names
 * the pod, what it requests and the most room any node has left.
 */

/** A pod the scheduler cannot place; the command line shows the message and exits 2 (bad input). */
export class UnschedulableError extends Error {
  constructor(
    /** The pod that did not fit, e.g. `productpage-2` or the daemon `ztunnel`. */
    readonly pod: string,
    message: string,
  ) {
    super(message);
    this.name = "UnschedulableError";
  }
}
