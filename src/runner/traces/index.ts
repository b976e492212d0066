export { OtlpTraceFile, TRACE_EPOCH_MS, TRACES_PER_LINE } from "./otlp-trace-file.js";
export { tracePartFiles, withTraces, type TraceOptions } from "./trace-parts.js";
export { isSampled, samplingKey, samplingThreshold, traceStateOf, type SamplingThreshold } from "./trace-sampling.js";
