/**
 * The error for a system that cannot keep up with its load: utilisation at or above 1 at some
 * station, so queues would grow without bound. It names the saturated station.
 */

/** Offered load exceeds a station's capacity; `station` names it. */
export class OverloadError extends Error {
  constructor(
    message: string,
    readonly station: string,
  ) {
    super(message);
    this.name = "OverloadError";
  }
}
