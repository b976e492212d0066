export { runCheck, type CheckInput, type CheckOutcome } from "./run-check.js";
export { parseThreshold, meetsThreshold, type Threshold, type ThresholdOperator } from "./threshold.js";
export { parseRegressionLimits, exceedsLimit, describeLimit, DEFAULT_MAX_REGRESSION, type RegressionLimit } from "./regression-limit.js";
export { parseSelector, selectSubjects, describeSelector, sameRate, EVERY_RUN, type RunSelector } from "./run-selector.js";
export { METRICS, metricNamed, readMetric, confidenceOf, describeSubject, type MetricName, type MetricDefinition, type CheckSubject } from "./check-metric.js";
export { summarizeRows, describeSummary, isFailure, type CheckRow, type CheckStatus, type CheckSummary } from "./check-row.js";
export { evaluateThresholds, describeRuns } from "./evaluate-thresholds.js";
export { compareWithBaseline, baselineNotes, type CompareOptions } from "./compare-baseline.js";
export { readResults, toResults, looksLikeResults } from "./read-results.js";
