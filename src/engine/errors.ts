/**
 * Errors the engine raises. A handler that throws stops the run; the error says when, in
 * simulated time, and in which handler, so a failure is never silently ignored.
 */

/** A handler threw while the simulation ran; `cause` holds the original error. */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly simTimeMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SimulationError";
  }
}
