/**
 * The contract between a load generator and the system under test. The generator never sees
 * the topology: it asks a sink to start requests and is told when each one completes.
 */

/** Starts requests; `tag` comes back in `Workload.requestDone` (a closed-loop user, or -1). */
export interface RequestSink {
  startRequest(requestType: number, intendedStartMs: number, tag: number): void;
}

/** A load generator. */
export interface Workload {
  /** Schedules the first requests. */
  start(): void;
  /** A request started with `tag` has completed. */
  requestDone(tag: number): void;
}
