/**
 * The command line every case process takes from run-bench.ts:
 * `--case <name> --requests <n> --warmup-requests <n> [--mesh <id>] [--no-machines] [--telemetry]
 * [--timeline-intervals <n>]`.
 */

export interface CaseArgs {
  caseName: string;
  requests: number;
  warmupRequests: number;
  /** Mesh profile to simulate; none when absent. */
  meshId: string;
  /** `--no-machines`: drop the scenario's machines, so nodes have no cores to contend for. */
  noMachines: boolean;
  /** `--telemetry`: the scenario asks for the mesh's default telemetry, so the run records its calls per service and edge. */
  telemetry: boolean;
  /** `--timeline-intervals <n>`: results over time, the run cut into n intervals (0: no timeline). */
  timelineIntervals: number;
}

/**
 * Reads a case's arguments (without node and the script path).
 * @throws RangeError naming the argument that is missing or not a positive number
 * @example parseCaseArgs(["--case", "mm1-1e6", "--requests", "1e6", "--warmup-requests", "1e5"]).requests // 1000000
 */
export function parseCaseArgs(argv: string[]): CaseArgs {
  return {
    caseName: readValue(argv, "--case"),
    requests: readCount(argv, "--requests"),
    warmupRequests: readCount(argv, "--warmup-requests"),
    meshId: argv.includes("--mesh") ? readValue(argv, "--mesh") : "none",
    noMachines: argv.includes("--no-machines"),
    telemetry: argv.includes("--telemetry"),
    timelineIntervals: argv.includes("--timeline-intervals") ? readCount(argv, "--timeline-intervals") : 0,
  };
}

// --- internal ---

function readValue(argv: string[], flag: string): string {
  const index = argv.indexOf(flag);
  const value = index >= 0 ? argv[index + 1] : undefined;
  if (value === undefined) throw new RangeError(`${flag} is required`);
  return value;
}

function readCount(argv: string[], flag: string): number {
  const value = Number(readValue(argv, flag));
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${flag} must be a non-negative number`);
  return value;
}
