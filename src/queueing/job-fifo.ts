/**
 * A growable FIFO ring of waiting jobs (integer ids) with the time each one joined, in typed
 * arrays so queueing allocates nothing per job.
 */

const INITIAL_CAPACITY = 64;

/** First-in first-out queue of (job, enqueue time) pairs. O(1) push and shift. */
export class JobFifo {
  #jobs = new Int32Array(INITIAL_CAPACITY);
  #times = new Float64Array(INITIAL_CAPACITY);
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
    const capacity = this.#jobs.length * 2;
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
