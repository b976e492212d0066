/**
 * Welford's online accumulator of count, mean and variance: one pass, no stored values,
 * numerically stable, and mergeable across shards with Chan et al.'s parallel formula.
 */

/**
 * The JSON-safe state of a Welford accumulator.
 * @example const json: WelfordJson = { count: 2, mean: 2, m2: 2 };
 */
export interface WelfordJson {
  count: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  m2: number;
}

/**
 * Online mean and sample variance.
 *
 * Update: Welford 1962, "Note on a Method for Calculating Corrected Sums of Squares and
 * Products", Technometrics 4(3). Merge: Chan, Golub & LeVeque 1979, "Updating Formulae and a
 * Pairwise Algorithm for Computing Sample Variances", Stanford CS tech report STAN-CS-79-773.
 * Floating point makes a merged result depend (in the last bits) on merge order, so merge
 * shards in a fixed order when results must be byte-identical.
 *
 * @example const w = new Welford(); w.add(1); w.add(3); w.mean; // 2
 */
export class Welford {
  #count = 0;
  #mean = 0;
  #m2 = 0;

  /**
   * Adds one value. O(1).
   * @throws RangeError when `value` is not a finite number.
   * @example welford.add(12.5);
   */
  add(value: number): void {
    if (!Number.isFinite(value)) {
      throw new RangeError(`value must be a finite number, got ${String(value)}`);
    }
    this.#count += 1;
    const delta = value - this.#mean;
    this.#mean += delta / this.#count;
    this.#m2 += delta * (value - this.#mean);
  }

  /**
   * Adds every value seen by `other`, as if they had been added here. O(1).
   * @example total.merge(shard);
   */
  merge(other: Welford): void {
    if (other.#count === 0) return;
    if (this.#count === 0) {
      this.#count = other.#count;
      this.#mean = other.#mean;
      this.#m2 = other.#m2;
      return;
    }
    const count = this.#count + other.#count;
    const delta = other.#mean - this.#mean;
    this.#mean += (delta * other.#count) / count;
    this.#m2 += other.#m2 + (delta * delta * this.#count * other.#count) / count;
    this.#count = count;
  }

  /**
   * Number of values added.
   * @example new Welford().count; // 0
   */
  get count(): number {
    return this.#count;
  }

  /**
   * Mean of the values; NaN when none were added.
   * @example welford.mean;
   */
  get mean(): number {
    return this.#count === 0 ? Number.NaN : this.#mean;
  }

  /**
   * Sample variance with Bessel's correction (divides by count - 1); NaN below two values.
   * @example welford.variance;
   */
  get variance(): number {
    const besselsCorrection = this.#count - 1;
    return besselsCorrection < 1 ? Number.NaN : this.#m2 / besselsCorrection;
  }

  /**
   * Sample standard deviation, the square root of `variance`; NaN below two values.
   * @example welford.standardDeviation;
   */
  get standardDeviation(): number {
    return Math.sqrt(this.variance);
  }

  /**
   * The JSON-safe state, for worker messages.
   * @example JSON.stringify(welford);
   */
  toJSON(): WelfordJson {
    return { count: this.#count, mean: this.#mean, m2: this.#m2 };
  }

  /**
   * Rebuilds an accumulator from toJSON's output.
   * @throws RangeError naming the invalid field.
   * @example Welford.fromJSON({ count: 2, mean: 2, m2: 2 }).variance; // 2
   */
  static fromJSON(json: WelfordJson): Welford {
    if (!(Number.isSafeInteger(json?.count) && json.count >= 0)) {
      throw new RangeError(`json.count must be a non-negative integer, got ${String(json?.count)}`);
    }
    if (!Number.isFinite(json.mean)) {
      throw new RangeError(`json.mean must be a finite number, got ${String(json.mean)}`);
    }
    if (!(Number.isFinite(json.m2) && json.m2 >= 0)) {
      throw new RangeError(`json.m2 must be a non-negative number, got ${String(json.m2)}`);
    }
    const welford = new Welford();
    welford.#count = json.count;
    welford.#mean = json.mean;
    welford.#m2 = json.m2;
    return welford;
  }
}
