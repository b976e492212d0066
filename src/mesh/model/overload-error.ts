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

/** What the in-flight guard needs to know of a node's CPU. */
export interface NodeCpuView {
  readonly name: string;
  readonly cores: number;
  /** Threads running on it now (processor sharing: more than its cores each run slower). */
  readonly runnable: number;
}

/**
 * The error for a run whose calls in flight passed `maxInFlight` at `nowMs`: it names the
 * station with the longest queue, where the load piles up, and a node whose cores are shared
 * by more threads than it has (whose slowness makes the queue grow); when no station has a
 * queue, it says the calls wait elsewhere.
 */
export function inFlightOverload(stations: readonly QueueView[], maxInFlight: number, nowMs: number, nodes: readonly NodeCpuView[] = []): OverloadError {
  let longest = stations[0];
  for (const station of stations) if (station.queueLength > longest.queueLength) longest = station;
  let busiest: NodeCpuView | undefined;
  for (const node of nodes) if (node.runnable > node.cores && (!busiest || node.runnable / node.cores > busiest.runnable / busiest.cores)) busiest = node;
  const node = busiest ? `${busiest.name} runs ${busiest.runnable} threads on its ${busiest.cores} vCPU` : undefined;
  const queued = longest !== undefined && longest.queueLength > 0;
  const where = queued
    ? `longest queue: ${longest.name} with ${longest.queueLength} waiting${node ? `; ${node}` : ""}`
    : (node ?? "no station has a queue: the calls wait on connections, back-offs or delays");
  return new OverloadError(`more than ${maxInFlight} calls in flight at t=${(nowMs / 1000).toFixed(1)} s; ${where}`, queued ? longest.name : (busiest?.name ?? "in-flight"));
}
