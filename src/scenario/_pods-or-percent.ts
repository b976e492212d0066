/**
 * A Deployment strategy's maxSurge or maxUnavailable: a whole number of pods or a percentage of
 * the replicas ("25%"), as the Kubernetes API takes them. One check for the resolver and for the
 * schema's error message, so both name the two forms.
 */

/** A percentage from 0% to 100%, as maxUnavailable takes it (the schema's pattern too). */
export const PERCENT_PATTERN = "^(100|[1-9]?[0-9])%$";

/** Any whole percentage, as maxSurge takes it: the API caps only maxUnavailable at 100%. */
export const SURGE_PERCENT_PATTERN = "^(0|[1-9][0-9]{0,5})%$";

/**
 * What is wrong with `value` as `name`'s count of pods or percentage, or undefined when it is one.
 * As the Kubernetes API's ValidateRollingUpdateDeployment, maxUnavailable must not pass 100%.
 * @example podsOrPercentProblem("25", "maxSurge") // "must be a whole number of pods or a percentage such as 25%, got \"25\""
 */
export function podsOrPercentProblem(value: unknown, name: "maxSurge" | "maxUnavailable"): string | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return undefined;
  if (typeof value === "string" && new RegExp(name === "maxSurge" ? SURGE_PERCENT_PATTERN : PERCENT_PATTERN).test(value)) return undefined;
  if (name === "maxUnavailable" && typeof value === "string" && new RegExp(SURGE_PERCENT_PATTERN).test(value)) return `must not be greater than 100%, got ${JSON.stringify(value)}`;
  return `must be a whole number of pods or a percentage such as 25%, got ${JSON.stringify(value)}`;
}

/**
 * Whether a count or percentage is zero ("0" pods or "0%"), for the API's rule that maxSurge and
 * maxUnavailable may not both be.
 * @example isZeroPodsOrPercent("0%") // true
 */
export function isZeroPodsOrPercent(value: number | string): boolean {
  return value === 0 || value === "0%";
}
