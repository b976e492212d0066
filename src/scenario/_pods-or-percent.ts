/**
 * A Deployment strategy's maxSurge or maxUnavailable: a whole number of pods or a percentage of
 * the replicas ("25%"), as the Kubernetes API takes them. One check for the resolver and for the
 * schema's error message, so both name the two forms.
 */

/** A percentage from 0% to 100%, as a rollout's fields take it (the schema's pattern too). */
export const PERCENT_PATTERN = "^(100|[1-9]?[0-9])%$";

/**
 * What is wrong with `value` as a count of pods or a percentage, or undefined when it is one.
 * @example podsOrPercentProblem("25") // "must be a whole number of pods or a percentage such as 25%, got \"25\""
 */
export function podsOrPercentProblem(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return undefined;
  if (typeof value === "string" && new RegExp(PERCENT_PATTERN).test(value)) return undefined;
  return `must be a whole number of pods or a percentage such as 25%, got ${JSON.stringify(value)}`;
}
