/**
 * The sampling probability a span's W3C tracestate records under OpenTelemetry's `ot` key: the
 * rejection threshold `th` of consistent probability sampling, or the older experimental p-value
 * `p` (probability 2^-p) that earlier SDKs and collectors wrote.
 * https://github.com/open-telemetry/opentelemetry-specification/blob/01f0569fef17db516e5cbff5ebb50c3c884f45df/specification/trace/tracestate-probability-sampling.md
 * https://github.com/open-telemetry/opentelemetry-specification/blob/01f0569fef17db516e5cbff5ebb50c3c884f45df/specification/trace/tracestate-handling.md
 */

/**
 * The probability (0 < p <= 1) `traceState` says the span was sampled at, or undefined when it
 * says none or says it in a malformed way (tracestate is passed along by many hands: a bad entry
 * is ignored, as a tracer would, rather than failing the import).
 * @example samplingProbabilityOf("ot=th:e666;rv:9c3e01aa5d2b7f") // 0.100006103515625
 */
export function samplingProbabilityOf(traceState: string): number | undefined {
  const ot = memberOf(traceState, "ot");
  if (ot === undefined) return undefined;
  const subKeys = new Map(ot.split(";").map((pair) => [pair.slice(0, pair.indexOf(":")), pair.slice(pair.indexOf(":") + 1)]));
  const th = subKeys.get("th");
  if (th !== undefined) {
    if (!/^[0-9a-f]{1,14}$/.test(th)) return undefined;
    // th is the threshold's leading hex digits; the rest are zeros. 56 bits lose nothing that matters in a double.
    return (2 ** 56 - parseInt(th.padEnd(14, "0"), 16)) / 2 ** 56;
  }
  const p = subKeys.get("p");
  // p = 63 means an adjusted count of zero (a span kept for reasons other than probability).
  if (p !== undefined && /^\d{1,2}$/.test(p) && Number(p) <= 62) return 2 ** -Number(p);
  return undefined;
}

// --- internal ---

/** The value of list member `key` of a W3C tracestate (`key=value` members separated by commas, with optional spaces). */
function memberOf(traceState: string, key: string): string | undefined {
  for (const member of traceState.split(",")) {
    const equals = member.indexOf("=");
    if (equals > 0 && member.slice(0, equals).trim() === key) return member.slice(equals + 1).trim();
  }
  return undefined;
}
