/**
 * The yardstick `npm run bench:check` measures simulation speed against: a fixed loop with no
 * simulator code, timed in the same process as the simulation. It does what the engine's hot
 * path does (a binary heap of times in a Float64Array, a xorshift generator, exponential
 * samples through Math.log), so a faster or slower machine, or a busy one, moves both alike and
 * their ratio stays put, while a slower simulator moves only one.
 */

/** Heap operations per timed run: about 0.1 s on a 2020s server core. */
export const REFERENCE_OPERATIONS = 3_000_000;

const HEAP_SIZE = 1024;

/**
 * Runs the loop: `operations` pops and pushes on a full heap of exponential times.
 * @returns a checksum, so the JIT cannot drop the work
 * @example runReferenceLoop(1000) > 0
 */
export function runReferenceLoop(operations: number): number {
  const heap = new Float64Array(HEAP_SIZE);
  let state = 0x9e3779b9;
  const uniform = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  for (let i = 0; i < HEAP_SIZE; i++) siftUp(heap, i, -Math.log(uniform()));
  let now = 0;
  for (let i = 0; i < operations; i++) {
    now = heap[0];
    siftDown(heap, HEAP_SIZE, now - Math.log(uniform()));
  }
  return now;
}

/**
 * Times the loop `rounds` times by `clock` (seconds; wall time by default) and keeps the fastest
 * (noise only ever slows a run down).
 * @returns heap operations per second
 */
export function timeReferenceLoop(rounds = 3, operations = REFERENCE_OPERATIONS, clock: () => number = wallSeconds): number {
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const started = clock();
    const checksum = runReferenceLoop(operations);
    const seconds = clock() - started;
    if (!(checksum > 0)) throw new Error("the reference loop went wrong");
    best = Math.max(best, operations / seconds);
  }
  return best;
}

// --- internal ---

function wallSeconds(): number {
  return performance.now() / 1000;
}

function siftUp(heap: Float64Array, index: number, value: number): void {
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (heap[parent] <= value) break;
    heap[child] = heap[parent];
    child = parent;
  }
  heap[child] = value;
}

/** Replaces the root with `value` and restores the heap. */
function siftDown(heap: Float64Array, size: number, value: number): void {
  let parent = 0;
  for (;;) {
    let child = 2 * parent + 1;
    if (child >= size) break;
    if (child + 1 < size && heap[child + 1] < heap[child]) child++;
    if (heap[child] >= value) break;
    heap[parent] = heap[child];
    parent = child;
  }
  heap[parent] = value;
}
