/**
 * Growing a typed array: the tables that grow as a run needs more room (activations, chains).
 */

type TypedArray = Int32Array | Uint8Array | Float64Array;

/**
 * A copy of `array` with `capacity` entries (the new ones zero).
 * @example grown(Int32Array.of(1, 2), 4) // Int32Array [1, 2, 0, 0]
 */
export function grown<T extends TypedArray>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
