export { readTraceFiles, type TraceFiles } from "./read-trace-files.js";
export { inferApplication, type InferOptions, type TracedApplication, type TracedRequestType, type TracedService } from "./infer-application.js";
export type { CallGroup, CallSummary, ParallelSummary } from "./summarise-calls.js";
export type { FittedTime } from "./fit-service-time.js";
export { TRACE_FORMATS, type Span, type TraceFormat } from "./span.js";
