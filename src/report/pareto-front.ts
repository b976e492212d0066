/**
 * The Pareto front of options with two costs to minimise (money and latency): the options no
 * other option beats on both.
 */

/**
 * The non-dominated items, sorted by `x` then `y`. An item is dominated when another is no
 * worse on both and better on one; ties on both are all kept. O(n^2), for tens of meshes.
 * @example paretoFront([{ x: 1, y: 5 }, { x: 2, y: 3 }, { x: 3, y: 4 }], (p) => p.x, (p) => p.y) // first two
 */
export function paretoFront<T>(items: T[], x: (item: T) => number, y: (item: T) => number): T[] {
  const dominated = (item: T) =>
    items.some((other) => x(other) <= x(item) && y(other) <= y(item) && (x(other) < x(item) || y(other) < y(item)));
  return items.filter((item) => !dominated(item)).sort((a, b) => x(a) - x(b) || y(a) - y(b));
}
