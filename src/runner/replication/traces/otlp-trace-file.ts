/**
 * Writes one task's sampled requests as OTLP JSON Lines, the shape of the OpenTelemetry collector's
 * file exporter: each line an export request (`{ resourceSpans: [...] }`) of a batch of traces, a
 * resource per process (an app's pod, a proxy) carrying the run it belongs to (`meshsim.mesh`,
 * `meshsim.load`, `meshsim.replication`). Traces are written as they finish, so memory holds one
 * batch. Simulated time maps onto a fixed epoch: task k's measurement window starts where task
 * k - 1's ended, so a file of several runs reads as one capture.
 * https://github.com/open-telemetry/opentelemetry-proto/blob/v1.3.2/examples/trace.json
 */

import { closeSync, openSync, writeSync } from "node:fs";
import { FAILURE_REASONS, SPAN_CLIENT, SPAN_PROXY, SPAN_SERVER, compileTopologyProgram, type CallProgram, type ServiceNetwork, type TraceSink, type TracedSpan } from "../../../mesh/index.js";
import type { ReplicationTask, TaskTraces } from "../replication-task.js";
import { callAttributes, NAMESPACE, operationOf, podName, proxyFamily, proxyResource, proxySpan, type AttributeMap } from "./span-naming.js";
import { hashText, isSampled, samplingKey, samplingThreshold, traceStateOf, type SamplingThreshold } from "./trace-sampling.js";

/** 2024-01-01T00:00:00Z, ms since the Unix epoch: simulated time 0 of the first task's window. */
export const TRACE_EPOCH_MS = 1_704_067_200_000;

/** Traces per written line (an export request): a bound on the memory a batch holds. */
export const TRACES_PER_LINE = 64;

/** HTTP status of a failed call by failure reason code (FAILURE_REASONS), as the proxy or app answers. */
const FAILURE_STATUS = [0, 503, 403, 500, 504, 503, 503, 429, 503, 404, 503, 503];

/** OTLP SpanKind numbers. */
const KIND_SERVER = 2;
const KIND_CLIENT = 3;
const KIND_CONSUMER = 5;

export class OtlpTraceFile implements TraceSink {
  readonly #task: ReplicationTask;
  readonly #program: CallProgram;
  readonly #samplingKey: number;
  readonly #threshold: SamplingThreshold;
  readonly #runId: string;
  readonly #windowStartMs: number;
  readonly #windowEndMs: number;
  /** Added to simulated time (ms) to place it on the epoch's time line. */
  readonly #offsetMs: number;
  readonly #runAttributes: AttributeMap;
  readonly #version: string;
  #network: ServiceNetwork | undefined;
  #podNames: string[] = [];
  #podIps: string[] = [];
  #descriptor: number | undefined;
  #batch = new Map<string, { attributes: AttributeMap; spans: object[] }>();
  #batchTraces = 0;

  constructor(task: ReplicationTask, traces: TaskTraces, windowStartMs: number, windowEndMs: number) {
    this.#task = task;
    this.#program = compileTopologyProgram(task.scenario.topology);
    this.#samplingKey = samplingKey(task.seed, task.loadPointKey, task.replication);
    this.#threshold = samplingThreshold(traces.sampleRatio);
    const run = `${task.seed}/${task.meshId}/${task.loadPointKey}/${task.replication}`;
    this.#runId = hex(hashText(run), 8) + hex(hashText(run, 0x9747b28c), 8);
    this.#windowStartMs = windowStartMs;
    this.#windowEndMs = windowEndMs;
    this.#offsetMs = traces.taskIndex * (windowEndMs - windowStartMs) - windowStartMs;
    this.#runAttributes = {
      "k8s.namespace.name": NAMESPACE,
      "meshsim.scenario": task.scenario.name,
      "meshsim.mesh": task.meshId,
      "meshsim.load": task.loadPointKey,
      "meshsim.replication": task.replication,
    };
    this.#version = traces.toolVersion;
    this.#descriptor = openSync(traces.file, "w");
  }

  /** The network the flow compiled: pods, stations and chains the spans refer to. */
  describe(network: ServiceNetwork): void {
    this.#network = network;
    const services = this.#task.scenario.topology.services;
    this.#podNames = [];
    this.#podIps = [];
    for (let pod = 0; pod < network.podCount; pod++) {
      const service = network.podService[pod];
      this.#podNames.push(service < 0 ? podName("istio-ingressgateway", pod) : podName(services[service].name, [...network.servicePods[service]].indexOf(pod)));
      this.#podIps.push(`10.${Math.max(0, network.podNode[pod]) % 250}.${Math.floor(pod / 250)}.${(pod % 250) + 2}`);
    }
  }

  sampled(index: number, intendedStartMs: number): boolean {
    if (intendedStartMs < this.#windowStartMs || intendedStartMs >= this.#windowEndMs) return false;
    return isSampled(this.#samplingKey, index, this.#threshold);
  }

  traced(index: number, requestType: number, spans: TracedSpan[]): void {
    const written = spans.map((span) => span.kind !== SPAN_PROXY || this.#proxyFamilyOf(span) !== undefined);
    const traceId = this.#runId + hex(index, 16);
    const spanBase = hex(hashText(String(index), this.#samplingKey), 8);
    // Every span of the trace carries the sampling decision, as a tracer propagates it to each.
    const traceState = traceStateOf(this.#samplingKey, index, this.#threshold);
    spans.forEach((span, i) => {
      if (!written[i]) return;
      let parent = span.parent;
      while (parent >= 0 && !written[parent]) parent = spans[parent].parent;
      const ids = { traceId, spanId: spanBase + hex(i + 1, 8), traceState, ...(parent >= 0 ? { parentSpanId: spanBase + hex(parent + 1, 8) } : {}) };
      this.#add(span.kind === SPAN_PROXY ? this.#proxySpan(span, ids) : this.#appSpan(span, ids, requestType));
    });
    if (++this.#batchTraces >= TRACES_PER_LINE) this.#flush();
  }

  /** Writes what is left and closes the file. */
  close(): void {
    if (this.#descriptor === undefined) return;
    try {
      this.#flush();
    } finally {
      closeSync(this.#descriptor);
      this.#descriptor = undefined;
    }
  }

  // --- internal ---

  #appSpan(span: TracedSpan, ids: object, requestType: number): Written {
    const network = this.#network!;
    const services = this.#task.scenario.topology.services;
    const program = this.#program;
    const client = span.kind === SPAN_CLIENT;
    const pod = client ? span.callerPod : span.calleePod;
    const callee = services[span.calleePod >= 0 ? network.podService[span.calleePod] : program.service[span.callNode]];
    const status = FAILURE_STATUS[span.failure] ?? 500;
    const entry = span.kind === SPAN_SERVER && span.callerPod < network.entryPods;
    const service = services[network.podService[pod]].name;
    const attributes = callAttributes(callee, program.requestBytes[span.callNode], program.responseBytes[span.callNode], client, status);
    return {
      resource: { service, pod: this.#podNames[pod], node: network.podNode[pod] },
      span: {
        ...ids,
        name: entry ? this.#task.scenario.topology.requestTypes[requestType].name : operationOf(callee),
        kind: client ? KIND_CLIENT : span.async ? KIND_CONSUMER : KIND_SERVER,
        ...this.#times(span),
        attributes: otlpAttributes(attributes),
        ...statusOf(span.failure),
      },
    };
  }

  #proxySpan(span: TracedSpan, ids: object): Written {
    const network = this.#network!;
    const services = this.#task.scenario.topology.services;
    const inbound = span.calleeSide === 1;
    const group = network.stationGroup[span.station];
    // A sidecar serves its pod: the callee's on the way in, the caller's on the way out.
    const pod = inbound && group !== "gateway" ? span.calleePod : span.callerPod;
    const calleeService = network.podService[span.calleePod];
    const podService = network.podService[pod];
    const place = {
      family: this.#proxyFamilyOf(span)!,
      group,
      inbound,
      workload: podService >= 0 ? services[podService].name : "istio-ingressgateway",
      pod: this.#podNames[pod],
      ip: this.#podIps[pod],
      callee: calleeService >= 0 ? services[calleeService].name : "",
      protocol: calleeService >= 0 ? services[calleeService].protocol : "http1",
      status: FAILURE_STATUS[span.failure] ?? 0,
    };
    const resource = proxyResource(place);
    const { name, server, attributes } = proxySpan(place);
    return {
      resource: { service: resource.service, ...(resource.pod ? { pod: resource.pod } : {}), node: network.podNode[pod] },
      span: { ...ids, name, kind: server ? KIND_SERVER : KIND_CLIENT, ...this.#times(span), attributes: otlpAttributes(attributes) },
    };
  }

  #proxyFamilyOf(span: TracedSpan) {
    const cost = this.#network!.stationPassCost[span.station];
    return cost === undefined ? undefined : proxyFamily(cost);
  }

  #times(span: TracedSpan): { startTimeUnixNano: string; endTimeUnixNano: string } {
    return { startTimeUnixNano: unixNanos(span.startMs + this.#offsetMs), endTimeUnixNano: unixNanos(span.endMs + this.#offsetMs) };
  }

  #add(written: Written): void {
    const { service, pod, node } = written.resource;
    const key = `${service}\u0000${pod ?? ""}`;
    let entry = this.#batch.get(key);
    if (!entry) {
      const attributes: AttributeMap = {
        "service.name": service,
        ...(pod ? { "k8s.pod.name": pod } : {}),
        ...(node >= 0 ? { "k8s.node.name": `node-${node}` } : {}),
        ...this.#runAttributes,
      };
      entry = { attributes, spans: [] };
      this.#batch.set(key, entry);
    }
    entry.spans.push(written.span);
  }

  #flush(): void {
    if (this.#batchTraces === 0 || this.#descriptor === undefined) return;
    const resourceSpans = [...this.#batch.values()].map((entry) => ({
      resource: { attributes: otlpAttributes(entry.attributes) },
      scopeSpans: [{ scope: { name: "meshsim", version: this.#version }, spans: entry.spans }],
    }));
    const bytes = Buffer.from(`${JSON.stringify({ resourceSpans })}\n`, "utf8");
    for (let done = 0; done < bytes.length; ) done += writeSync(this.#descriptor, bytes, done, bytes.length - done);
    this.#batch = new Map();
    this.#batchTraces = 0;
  }
}

// --- internal ---

interface Written {
  resource: { service: string; pod?: string; node: number };
  span: object;
}

/**
 * Nanoseconds since the Unix epoch of `ms` after TRACE_EPOCH_MS, as OTLP JSON writes them (a
 * decimal string: the count overflows a double's integers). The fraction is taken before the
 * epoch is added, so sub-microsecond times survive.
 */
function unixNanos(ms: number): string {
  let whole = Math.floor(ms);
  let nanos = Math.round((ms - whole) * 1e6);
  if (nanos === 1e6) {
    whole += 1;
    nanos = 0;
  }
  return `${TRACE_EPOCH_MS + whole}${String(nanos).padStart(6, "0")}`;
}

function otlpAttributes(attributes: AttributeMap): object[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));
}

function anyValue(value: string | number | boolean): object {
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  // OTLP JSON writes 64-bit integers as strings.
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

function statusOf(failure: number): { status?: { code: number; message: string } } {
  return failure === 0 ? {} : { status: { code: 2, message: FAILURE_REASONS[failure] } };
}

function hex(value: number, digits: number): string {
  return Math.floor(value).toString(16).padStart(digits, "0").slice(-digits);
}
