/**
 * Parameter checks shared by the distribution factories and the moment functions, so a
 * bad parameter gives the same message wherever it is caught.
 */

/**
 * Throws unless `value` is a finite number greater than zero.
 * @example checkPositive("meanMs", -1); // RangeError: meanMs must be a positive number, got -1
 */
export function checkPositive(name: string, value: number): void {
  if (!(typeof value === "number" && value > 0 && value < Infinity)) {
    throw new RangeError(`${name} must be a positive number, got ${formatValue(value)}`);
  }
}

/**
 * Throws unless `value` is a finite number at least zero.
 * @example checkNonNegative("cv", -0.1); // RangeError: cv must be a non-negative number, got -0.1
 */
export function checkNonNegative(name: string, value: number): void {
  if (!(typeof value === "number" && value >= 0 && value < Infinity)) {
    throw new RangeError(`${name} must be a non-negative number, got ${formatValue(value)}`);
  }
}

/**
 * Throws unless `value` is an integer of at least one.
 * @example checkPositiveInteger("k", 2.5); // RangeError: k must be a positive integer, got 2.5
 */
export function checkPositiveInteger(name: string, value: number): void {
  if (!(Number.isSafeInteger(value) && value >= 1)) {
    throw new RangeError(`${name} must be a positive integer, got ${formatValue(value)}`);
  }
}

/**
 * Throws unless `minMs` is a non-negative number and `maxMs` a finite number at least `minMs`.
 * @example checkUniformBounds(5, 4); // RangeError: maxMs must be a finite number at least minMs (5), got 4
 */
export function checkUniformBounds(minMs: number, maxMs: number): void {
  checkNonNegative("minMs", minMs);
  if (!(typeof maxMs === "number" && maxMs >= minMs && maxMs < Infinity)) {
    throw new RangeError(
      `maxMs must be a finite number at least minMs (${minMs}), got ${formatValue(maxMs)}`,
    );
  }
}

/**
 * Renders a rejected value for an error message; strings are quoted so `"5"` differs from `5`.
 * @example formatValue("5"); // "\"5\""
 */
export function formatValue(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
