export { OtlpTraceFile, TRACE_EPOCH_MS, TRACES_PER_LINE } from "./otlp-trace-file.js";
export { isSampled, samplingKey, samplingThreshold, traceStateOf, type SamplingThreshold } from "./trace-sampling.js";
