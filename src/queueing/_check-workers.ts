/** The one rule on a station's worker count, for every kind of station. */

/**
 * @throws RangeError naming the station when `workers` is not a positive integer
 */
export function checkWorkers(station: string, workers: number): void {
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`station ${station}: workers must be a positive integer, got ${workers}`);
  }
}
