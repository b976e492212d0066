/**
 * What a node's CPU tells the station whose job it ran.
 */

/** Told when a job's CPU work is done. */
export interface CpuClient {
  /**
   * `phase` and `carry` are what the client passed to `run`; `stretchMs` is how much longer
   * the work took than its demand (0 on an idle node).
   */
  cpuDone(job: number, phase: number, carry: number, stretchMs: number): void;
}
