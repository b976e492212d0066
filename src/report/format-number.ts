/**
 * Number formatting for tables: latencies with three significant figures, so 0.243 ms and
 * 135 ms both read naturally.
 */

/**
 * A latency in ms with about three significant figures.
 * @example formatMs(0.24419) // "0.244"
 */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return "-";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

/**
 * A count with thousands separators.
 * @example formatCount(1234567) // "1,234,567"
 */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
