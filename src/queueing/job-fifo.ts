/**
 * A growable FIFO ring of waiting jobs (integer ids) with the time each one joined, in typed
 * arrays so queueing allocates nothing per job.
 */

const INITIAL_CAPACITY = 64;

/**
 * What a queue holds before its first job: no room, so the first push grows it. A network of
 * 20,000 pods makes tens of thousands of queues that mostly stay empty, and a typed array of its
 * own costs V8 far more to make than the few bytes it holds.
 */
const NO_JOBS = new Int32Array(0);
const NO_TIMES = new Float64Array(0);

/** First-in first-out queue of (job, enqueue time) pairs. O(1) push and shift. */
export class JobFifo {
  #jobs: Int32Array = NO_JOBS;
  #times: Float64Array = NO_TIMES;
  #head = 0;
  #length = 0;

  /** Time the job `shift` returned last joined the queue. */
  shiftedTime = 0;

  get length(): number {
    return this.#length;
  }

  push(job: number, time: number): void {
    if (this.#length === this.#jobs.length) this.#grow();
    const tail = (this.#head + this.#length) & (this.#jobs.length - 1);
    this.#jobs[tail] = job;
    this.#times[tail] = time;
    this.#length++;
  }

  /** Removes the oldest job and returns it; its enqueue time goes to `shiftedTime`. Empty: -1. */
  shift(): number {
    if (this.#length === 0) return -1;
    const head = this.#head;
    this.shiftedTime = this.#times[head];
    this.#head = (head + 1) & (this.#jobs.length - 1);
    this.#length--;
    return this.#jobs[head];
  }

  // --- internal ---

  /** Capacity stays a power of two so wrapping is a mask, not a modulo. */
  #grow(): void {
    const capacity = Math.max(INITIAL_CAPACITY, this.#jobs.length * 2);
    const jobs = new Int32Array(capacity);
    const times = new Float64Array(capacity);
    for (let i = 0; i < this.#length; i++) {
      const from = (this.#head + i) & (this.#jobs.length - 1);
      jobs[i] = this.#jobs[from];
      times[i] = this.#times[from];
    }
    this.#jobs = jobs;
    this.#times = times;
    this.#head = 0;
  }
}
