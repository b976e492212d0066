export { assembleRuns } from "./assemble-results.js";
export { monthlyCost, summarizeRun } from "./summarize-run.js";
export { summarizeTimeline, timelineWindowHistogram, timelineWindowPercentile } from "./summarize-timeline.js";
