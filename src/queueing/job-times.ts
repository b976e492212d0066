/**
 * How a station learns a job's times when both are worked out together (a proxy's pass: its
 * path, and the worker time its CPU sets).
 */

/**
 * A job's service and worker times, drawn together into fields rather than returned: a double
 * returned by a call V8 does not inline is boxed, once per job.
 */
export interface JobTimes {
  /** Draws `job`'s times into `serviceMs` and `workerMs`. */
  draw(job: number): void;
  /** How long the job takes to be served (from its start), ms. */
  readonly serviceMs: number;
  /** How long it holds its worker (from its start), ms. */
  readonly workerMs: number;
}
