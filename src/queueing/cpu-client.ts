/**
 * What a node's CPU tells the station whose job it ran.
 */

/**
 * What a job asks of a node's CPU. Its times travel in an object the client keeps and refills:
 * a double passed to a call V8 does not inline is boxed, and a node takes some 20 jobs a request.
 */
export interface CpuDemand {
  /** CPU to run, ms (> 0). */
  demandMs: number;
  /** What the client gets back with the job when it is done (NodeCpu.finishedCarryMs), ms. */
  carryMs: number;
}

/** Told when a job's CPU work is done. */
export interface CpuClient {
  /**
   * `phase` is what the client passed to `run`. While this runs, the node's `finishedCarryMs` is
   * the job's carry and `finishedStretchMs` how much longer the work took than its demand (0 on
   * an idle node).
   */
  cpuDone(job: number, phase: number): void;
}
