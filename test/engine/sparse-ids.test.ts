import { describe, expect, it } from "vitest";
import { SPARSE_KEY_LIMIT, SparseIds } from "../../src/engine/index.js";

describe("SparseIds", () => {
  it("add() gives ids in the order keys come, and idOf() finds them", () => {
    const ids = new SparseIds();
    expect(ids.add(42)).toBe(0);
    expect(ids.add(0)).toBe(1);
    expect(ids.add(7)).toBe(2);
    expect([ids.idOf(7), ids.idOf(42), ids.idOf(0)]).toEqual([2, 0, 1]);
    expect(ids.size).toBe(3);
  });

  it("idOf() is -1 for a key never added", () => {
    const ids = new SparseIds();
    expect(ids.idOf(5)).toBe(-1);
    ids.add(5);
    expect(ids.idOf(6)).toBe(-1);
    expect(ids.idOf(5 + 16)).toBe(-1);
  });

  it("keeps keys up to 2^31 - 2 apart, those that differ in high bits alone too", () => {
    const ids = new SparseIds();
    const keys = [3, 3 + 2 ** 28, 3 + 2 ** 30, SPARSE_KEY_LIMIT - 1, 2 ** 30, 2 ** 29];
    keys.forEach((key) => ids.add(key));
    expect(keys.map((key) => ids.idOf(key))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ids.idOf(3 + 2 ** 29)).toBe(-1);
  });

  it("finds every key as the table grows, against a Map, for keys that crowd one region", () => {
    const ids = new SparseIds();
    const expected = new Map<number, number>();
    // Multiples of 4096 and a clustered run: keys a poor hash would pile into a few slots.
    const keys = [...Array.from({ length: 3000 }, (_, i) => i * 4096), ...Array.from({ length: 3000 }, (_, i) => 20_000_000 + i)];
    for (const key of keys) expected.set(key, ids.add(key));
    expect(ids.size).toBe(6000);
    for (const [key, id] of expected) expect(ids.idOf(key)).toBe(id);
    expect(ids.idOf(4096 * 3000)).toBe(-1);
  });

  it("with few keys, a table over every key gives the same ids", () => {
    const few = new SparseIds(100);
    const many = new SparseIds();
    for (const key of [42, 0, 99, 7]) expect(few.add(key)).toBe(many.add(key));
    for (let key = 0; key < 100; key++) expect(few.idOf(key)).toBe(many.idOf(key));
    expect(few.size).toBe(4);
    expect(() => few.add(100)).toThrow("a sparse id's key must be an integer from 0 to 99, got 100");
  });

  it.each([[-1], [1.5], [SPARSE_KEY_LIMIT], [2 ** 32], [NaN], [Infinity]])("add(%s) is refused: keys are integers from 0 to 2^31 - 2", (key) => {
    expect(() => new SparseIds().add(key)).toThrow(`must be an integer from 0 to ${2 ** 31 - 2}`);
  });
});
