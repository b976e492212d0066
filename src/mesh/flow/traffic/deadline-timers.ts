/**
 * Timeouts pending in the engine: each holds the try it guards and that try's generation, so a
 * timer that fires after its try has finished (the usual case) is recognised and ignored.
 * Slots live in typed arrays with a free list: no allocation per timer.
 */

const INITIAL_CAPACITY = 256;

export class DeadlineTimers {
  #act = new Int32Array(INITIAL_CAPACITY);
  #generation = new Int32Array(INITIAL_CAPACITY);
  #free = new Int32Array(INITIAL_CAPACITY);
  #freeCount = 0;
  #used = 0;

  /** Activation and generation of the slot `take` returned last. */
  takenAct = -1;
  takenGeneration = -1;

  /** Stores a timer and returns its slot (the engine event's argument). */
  add(act: number, generation: number): number {
    let slot: number;
    if (this.#freeCount > 0) slot = this.#free[--this.#freeCount];
    else {
      if (this.#used === this.#act.length) this.#grow();
      slot = this.#used++;
    }
    this.#act[slot] = act;
    this.#generation[slot] = generation;
    return slot;
  }

  /** Frees a fired timer's slot; its activation and generation go to takenAct / takenGeneration. */
  take(slot: number): void {
    this.takenAct = this.#act[slot];
    this.takenGeneration = this.#generation[slot];
    this.#free[this.#freeCount++] = slot;
  }

  // --- internal ---

  #grow(): void {
    const capacity = this.#act.length * 2;
    const act = new Int32Array(capacity);
    act.set(this.#act);
    this.#act = act;
    const generation = new Int32Array(capacity);
    generation.set(this.#generation);
    this.#generation = generation;
    const free = new Int32Array(capacity);
    free.set(this.#free);
    this.#free = free;
  }
}
