/**
 * SimPy's M/M/1 beside meshsim's, when a SimPy is installed: the same queue (bench/simpy/mm1.py
 * and mm1-scenario.ts), each run in its own process, in turn, round after round, so a busy
 * machine slows both alike; the medians and their ratio. Without a Python that has SimPy (3 or 4
 * as `simpy`, or 2 as Debian's python3-simpy), it says so and how to get one.
 */

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchResult } from "./bench-result.js";
import { runCase } from "./run-case.js";
import { median } from "simple-statistics";

/** The side-by-side figures, or why they are missing. */
export type SimpySideBySide =
  | { simpy: string; python: string; requests: number; rounds: number; meshsimRequestsPerSec: number; simpyRequestsPerSec: number; ratio: number }
  | { skipped: string };

/** Pythons tried in turn: MESHSIM_PYTHON, then the one on PATH, then Debian's own. */
const PYTHONS = [process.env.MESHSIM_PYTHON, "python3", "/usr/bin/python3"].filter((python): python is string => Boolean(python));
const HAS_SIMPY = "import importlib.util as u, sys; sys.exit(0 if u.find_spec('simpy') or u.find_spec('SimPy') else 1)";

/**
 * Runs both `rounds` times at `requests` requests each.
 * @example runSimpySideBySide(1e6, 3).ratio // meshsim's requests/s over SimPy's
 */
export function runSimpySideBySide(requests: number, rounds: number): SimpySideBySide {
  const python = PYTHONS.find((candidate) => spawnSync(candidate, ["-c", HAS_SIMPY]).status === 0);
  if (python === undefined) {
    return { skipped: "no Python with SimPy found (tried MESHSIM_PYTHON, python3, /usr/bin/python3): apt-get install python3-simpy, or pip install simpy" };
  }
  const script = fileURLToPath(new URL("../../bench/simpy/mm1.py", import.meta.url));
  const meshsim: number[] = [];
  const simpy: number[] = [];
  let version = "";
  for (let round = 0; round < rounds; round++) {
    const ours = runCase({ name: "mm1-beside-simpy", script: "mm1.js", requests, warmupRequests: 1e5, kind: "timed" }) as BenchResult;
    meshsim.push(ours.requestsPerSec);
    const child = spawnSync(python, [script, String(requests)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (child.status !== 0) return { skipped: `SimPy's M/M/1 failed under ${python} (exit ${child.status ?? child.signal})` };
    const line = JSON.parse(child.stdout.trim().split("\n").pop()!) as { simpy: string; requestsPerSec: number };
    version = line.simpy;
    simpy.push(line.requestsPerSec);
  }
  const meshsimRequestsPerSec = median(meshsim);
  const simpyRequestsPerSec = median(simpy);
  return { simpy: version, python, requests, rounds, meshsimRequestsPerSec, simpyRequestsPerSec, ratio: meshsimRequestsPerSec / simpyRequestsPerSec };
}
