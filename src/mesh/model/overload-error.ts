/**
 * The error for a system that cannot keep up with its load: utilisation at or above 1 at some
 * station, so queues would grow without bound. It names the saturated station.
 */

/**
 * Offered load exceeds a station's capacity; `station` names it, and `mesh` the mesh whose
 * station it is when only that mesh is overloaded (a proxy), not the application.
 */
export class OverloadError extends Error {
  constructor(
    message: string,
    readonly station: string,
    readonly mesh?: string,
  ) {
    super(message);
    this.name = "OverloadError";
  }
}

/** What the in-flight guard needs to know of a station. */
export interface QueueView {
  readonly name: string;
  readonly queueLength: number;
}

/**
 * The error for a run whose calls in flight passed `maxInFlight` at `nowMs`: it names the
 * station with the longest queue, where the load piles up.
 */
export function inFlightOverload(stations: readonly QueueView[], maxInFlight: number, nowMs: number): OverloadError {
  let longest = stations[0];
  for (const station of stations) if (station.queueLength > longest.queueLength) longest = station;
  return new OverloadError(
    `more than ${maxInFlight} calls in flight at t=${(nowMs / 1000).toFixed(1)} s; ` + `longest queue: ${longest.name} with ${longest.queueLength} waiting`,
    longest.name,
  );
}
