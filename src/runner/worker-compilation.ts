/**
 * Where V8 compiles the simulator's hot code for worker threads that take every core. By
 * default V8 optimises on background threads while the code goes on running unoptimised; when
 * the simulating threads hold every core those background threads must preempt them, and a new
 * worker's first tasks (often all of a short run's) run cold. Compiling on the worker thread
 * itself then finishes sooner: on two cores, with two workers, robot-shop's CI-sized plans ran
 * 4-10% faster; with one worker (a core to spare) the background compiler is faster, by 15%.
 */

import { setFlagsFromString } from "node:v8";

/**
 * Whether workers should compile their own code: when they take every core.
 * @example compilesOnWorkers(2, 2) // true
 */
export function compilesOnWorkers(workers: number, cores: number): boolean {
  return workers >= cores;
}

/**
 * A setter of V8's background compilation through `setFlags`, remembering whether it turned it
 * off (so that it only ever turns back on what it turned off).
 */
export function workerCompilationSetter(setFlags: (flags: string) => void): (workers: number, cores: number) => void {
  let turnedOff = false;
  return (workers, cores) => {
    const onWorkers = compilesOnWorkers(workers, cores);
    if (onWorkers === turnedOff) return;
    setFlags(onWorkers ? "--no-concurrent-recompilation" : "--concurrent-recompilation");
    turnedOff = onWorkers;
  };
}

/**
 * Sets V8's background compilation for the worker threads about to start (V8's flags are the
 * process's; a thread reads them when it starts): off when `workers` take every core, back on
 * otherwise if this turned it off. A flag given to node by hand is left alone otherwise.
 * @example prepareWorkerCompilation(2, availableParallelism())
 */
export const prepareWorkerCompilation = workerCompilationSetter(setFlagsFromString);
