/**
 * The one duration grammar of meshsim, for every flag and file: one or more `<number><unit>`
 * parts, as Go's time.ParseDuration reads them without a sign (`30s`, `500ms`, `1m30s`, `250us`,
 * `0.5s`; also `1 s` and `1e-1s`, which k6-style thresholds allowed before), or a bare number in
 * the unit its place states (seconds for `--duration`, ms for a latency, a field's own unit in
 * a scenario: `durationS`, `timeoutMs`).
 */

/** The units a duration may be written in. */
export type DurationUnit = "ns" | "us" | "µs" | "μs" | "ms" | "s" | "m" | "h";

/** How the grammar reads, for messages: `--duration must be a duration like …`. */
export const DURATION_EXAMPLES = "30s, 500ms, 1m30s or 250us";

/** The grammar as a JSON Schema pattern (for editors), bare numbers aside. */
export const DURATION_PATTERN = "^\\s*(((\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?)\\s*(ns|us|µs|μs|ms|s|m|h)\\s*)+$";

/**
 * The duration `text` in `unit`, or undefined when it is not a duration. A bare number is taken
 * in `bareUnit`, and refused when there is none.
 * @example parseDuration("1m30s", "s") // 90
 * @example parseDuration("250us", "ms") // 0.25
 * @example parseDuration("2", "s", "s") // 2
 */
export function parseDuration(text: string, unit: DurationUnit, bareUnit?: DurationUnit): number | undefined {
  const trimmed = text.trim();
  if (BARE_NUMBER.test(trimmed)) return bareUnit === undefined ? undefined : convert(trimmed, bareUnit, unit);
  if (!DURATION.test(trimmed)) return undefined;
  let total = 0;
  for (const part of trimmed.matchAll(PART)) total += convert(part[1], part[2] as DurationUnit, unit);
  return total;
}

// --- internal ---

const NUMBER = "(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?";
const BARE_NUMBER = new RegExp(`^${NUMBER}$`);
const DURATION = new RegExp(DURATION_PATTERN);
const PART = new RegExp(`(${NUMBER})\\s*(ns|us|µs|μs|ms|s|m|h)`, "g");

/**
 * Each unit as an integer times a power of ten of milliseconds, so that a conversion shifts the
 * decimal point in the number's text instead of multiplying by 1000: "1.1s" is 1100 ms exactly,
 * where 1.1 * 1000 is 1100.0000000000002 (and a run's duration would print as such).
 */
const UNIT_SCALE: Record<DurationUnit, { factor: number; power: number }> = {
  ns: { factor: 1, power: -6 },
  us: { factor: 1, power: -3 },
  µs: { factor: 1, power: -3 },
  μs: { factor: 1, power: -3 },
  ms: { factor: 1, power: 0 },
  s: { factor: 1, power: 3 },
  m: { factor: 6, power: 4 },
  h: { factor: 36, power: 5 },
};

function convert(number: string, from: DurationUnit, to: DurationUnit): number {
  const source = UNIT_SCALE[from];
  const target = UNIT_SCALE[to];
  const [digits, exponent = "0"] = number.toLowerCase().split("e");
  return (Number(`${digits}e${Number(exponent) + source.power - target.power}`) * source.factor) / target.factor;
}
