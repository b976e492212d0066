/**
 * The clock `npm run bench:check` times its rounds with: CPU seconds this process has used (user
 * and system, all its threads), not wall time. On a shared machine a process waits for a core
 * whenever another one holds it, and wall time counts that wait while CPU time does not, so a
 * busy neighbour no longer moves the readings by tens of percent within minutes.
 */

/**
 * CPU seconds this process has used so far; subtract two readings for a round's time.
 * @example const started = cpuSeconds(); work(); const seconds = cpuSeconds() - started;
 */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
