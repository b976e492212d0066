/**
 * Infers an application from traces: its services (traced, untraced peers, external services) with
 * their own times, its request types (one per entry operation, counted by the traces it starts) with
 * their merged call trees, and the arrival rate. Every number keeps the counts it came from, so the
 * written scenario can say so; what could not be inferred is listed.
 */

import { loadMeshProfile, MAX_REQUEST_TYPES } from "../../scenario/index.js";
import { buildTraces, type TraceRepairs } from "./build-traces.js";
import { fitServiceTime, type FittedTime } from "./fit-service-time.js";
import { createInvocationCounts, entryInvocation, type Invocation, type InvocationCounts } from "./invocations.js";
import { type ProxyKind } from "./proxy-spans.js";
import { callFacts, isExternalHost, peerOf, type CallProtocol, type PeerKind } from "./span-protocol.js";
import type { Span } from "./span.js";
import { summariseCalls, type CallGroup } from "./summarise-calls.js";

export interface TracedService {
  /** As the spans name it (not yet a scenario name). */
  name: string;
  kind: PeerKind | "worker";
  protocol: CallProtocol;
  /** The attribute that gave the protocol and kind, "" when none did. */
  evidence: string;
  traced: boolean;
  external: boolean;
  /** Own time; for an untraced peer, its callers' round trip less the network's (see `roundTripLessMs`). */
  serviceTime: FittedTime;
  /** What was taken off each measured time before fitting, ms, and why. */
  roundTripLessMs?: number;
  standIn?: { proxy: ProxyKind; subtractedMs: number; profile: string };
  /** Invocations per trace (visits per request), for sizing concurrency. */
  visitsPerTrace: number;
  /** Distinct pods or instances its spans name. */
  instances: number;
}

export interface TracedRequestType {
  /** "<service> <operation>" of the entry span. */
  name: string;
  entry: string;
  operation: string;
  traces: number;
  calls: CallGroup[];
  requestBytes?: number;
  responseBytes?: number;
}

export interface TracedApplication {
  services: TracedService[];
  requestTypes: TracedRequestType[];
  traces: number;
  spans: number;
  /** Requests per second at the entry, when the timestamps allow; with the window and sampling it came from. */
  rate?: { perSec: number; windowS: number; traces: number };
  sampling: { ratio: number; from: string };
  /** Set when some external service was called: the network part of their round trips. */
  externalRttMs?: number;
  /** Most traces came in through a mesh gateway. */
  viaGateway: boolean;
  notices: string[];
  notInferred: string[];
}

export interface InferOptions {
  /** The sampling ratio the traces were taken at (--sampling); else read from the spans, else 1. */
  sampling?: number;
  /** Round trip between pods the scenario will simulate, ms: taken off untraced peers' round trips. */
  clusterRttMs: number;
}

/**
 * Everything the traces say about the application.
 * @throws ScenarioError (through loadMeshProfile) only if a shipped mesh profile is broken
 */
export function inferApplication(spans: readonly Span[], options: InferOptions): TracedApplication {
  const { traces, repairs } = buildTraces(spans);
  const counts = createInvocationCounts();
  const entries: Invocation[] = [];
  let unnamed = 0;
  for (const trace of traces) {
    const entry = entryInvocation(trace.root, counts);
    if (entry) entries.push(entry);
    else unnamed += 1;
  }
  const notices = repairNotices(repairs, counts, unnamed);
  const notInferred: string[] = [];

  const allTypes = inferRequestTypes(entries);
  // A scenario holds MAX_REQUEST_TYPES at most: the most traced are kept, the rest's load spread over them by the mix.
  const requestTypes = allTypes.slice(0, MAX_REQUEST_TYPES);
  if (allTypes.length > requestTypes.length) {
    const left = allTypes.slice(MAX_REQUEST_TYPES);
    const leftTraces = left.reduce((sum, type) => sum + type.traces, 0);
    notices.push(
      `${plural(allTypes.length, "entry operation")} traced; the ${figure(MAX_REQUEST_TYPES)} most traced are the request types (a scenario holds at most ${figure(MAX_REQUEST_TYPES)}), ` +
        `the other ${figure(left.length)} (${figure(leftTraces)} of ${plural(entries.length, "trace")}) left out, their share of the rate going to the kept ones`,
    );
  }
  const invocations = new Map<string, Invocation[]>();
  const visit = (invocation: Invocation): void => {
    const list = invocations.get(invocation.service);
    if (list) list.push(invocation);
    else invocations.set(invocation.service, [invocation]);
    invocation.calls.forEach((call) => visit(call.callee));
  };
  entries.forEach(visit);
  const externalRttMs = estimateExternalRtt(invocations);
  const services = [...invocations.entries()].map(([name, list]) => inferService(name, list, entries.length, options, externalRttMs));

  const sampling = samplingOf(entries, options.sampling);
  if (sampling.from === "assumed") notInferred.push("the sampling ratio: taken as 1 (every request traced); give --sampling <ratio> if the traces were sampled");
  const rate = rateOf(entries, sampling.ratio);
  if (!rate) notInferred.push("the arrival rate: fewer than two traces with distinct start times");
  const singleService = services.length === 1;
  if (singleService) notices.push(`the traces name one service (${services[0].name}): there are no calls to infer`);
  return {
    services,
    requestTypes,
    traces: entries.length,
    spans: spans.length,
    ...(rate ? { rate } : {}),
    sampling,
    ...(externalRttMs !== undefined ? { externalRttMs } : {}),
    viaGateway: counts.viaGateway * 2 > entries.length,
    notices,
    notInferred,
  };
}

// --- internal ---

function inferRequestTypes(entries: Invocation[]): TracedRequestType[] {
  const byType = new Map<string, Invocation[]>();
  for (const entry of entries) {
    const key = `${entry.service}\u0000${entry.operation}`;
    const list = byType.get(key);
    if (list) list.push(entry);
    else byType.set(key, [entry]);
  }
  return [...byType.values()]
    .map((list) => {
      const facts = list.map((entry) => callFacts(entry.span));
      const requestBytes = meanOf(facts.map((fact) => fact.requestBytes));
      const responseBytes = meanOf(facts.map((fact) => fact.responseBytes));
      return {
        name: `${list[0].service} ${list[0].operation}`,
        entry: list[0].service,
        operation: list[0].operation,
        traces: list.length,
        calls: summariseCalls(list),
        ...(requestBytes !== undefined ? { requestBytes } : {}),
        ...(responseBytes !== undefined ? { responseBytes } : {}),
      };
    })
    .sort((a, b) => b.traces - a.traces || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function inferService(name: string, list: Invocation[], traces: number, options: InferOptions, externalRttMs: number | undefined): TracedService {
  const traced = list.some((invocation) => invocation.traced);
  const mine = traced ? list.filter((invocation) => invocation.traced) : list;
  const facts = mine.map((invocation) => factsOf(invocation));
  const kindVotes = new Map<string, number>();
  for (const fact of facts) kindVotes.set(`${fact.kind}\u0000${fact.protocol}\u0000${fact.evidence}`, (kindVotes.get(`${fact.kind}\u0000${fact.protocol}\u0000${fact.evidence}`) ?? 0) + 1);
  const [kind, protocol, evidence] = [...kindVotes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0].split("\u0000") as [PeerKind, CallProtocol, string];
  const onlyConsumes = traced && mine.every((invocation) => invocation.span.kind === "consumer");
  const external = !traced && mine.some((invocation) => isExternalHost(peerOf(invocation.clientSpan ?? invocation.span).host));
  const less = traced ? 0 : external ? (externalRttMs ?? 0) : options.clusterRttMs;
  const standIns = mine.filter((invocation) => invocation.standIn);
  let standIn: TracedService["standIn"];
  let samples = mine.map((invocation) => invocation.ownMs - less);
  if (standIns.length * 2 > mine.length) {
    // Only the sidecar's span stood for the app: its own two passes (request and response) are in
    // the span; take them off with the figure of the mesh it belongs to.
    const proxy = standIns[0].standIn!;
    const profileId = proxy === "envoy" ? "istio" : "linkerd2";
    const profile = loadMeshProfile(profileId);
    const subtractedMs = 2 * (profile.dataPlane?.proxy?.pathMsPerPass[protocol] ?? 0);
    standIn = { proxy, subtractedMs, profile: profileId };
    samples = mine.map((invocation) => (invocation.standIn ? invocation.ownMs - subtractedMs : invocation.ownMs));
  }
  const instances = new Set(mine.map((invocation) => instanceOf(invocation.span)).filter((instance) => instance !== undefined)).size;
  return {
    name,
    kind: onlyConsumes ? "worker" : kind,
    protocol: onlyConsumes ? "tcp" : protocol,
    evidence: onlyConsumes ? "consumer spans only" : evidence,
    traced,
    external,
    serviceTime: fitServiceTime(samples.map((sample) => Math.max(0, sample))),
    ...(less > 0 ? { roundTripLessMs: less } : {}),
    ...(standIn ? { standIn } : {}),
    visitsPerTrace: list.length / Math.max(1, traces),
    instances,
  };
}

/**
 * The network part of calls to external services: the smallest 1st percentile of their round trips
 * (the fastest answers are mostly distance). Only one figure exists in a scenario for all of them.
 */
function estimateExternalRtt(invocations: Map<string, Invocation[]>): number | undefined {
  let rtt: number | undefined;
  for (const list of invocations.values()) {
    if (list.some((invocation) => invocation.traced)) continue;
    if (!list.some((invocation) => isExternalHost(peerOf(invocation.clientSpan ?? invocation.span).host))) continue;
    const sorted = list.map((invocation) => invocation.ownMs).sort((a, b) => a - b);
    const low = sorted[Math.floor((sorted.length - 1) * 0.01)];
    rtt = rtt === undefined ? low : Math.min(rtt, low);
  }
  return rtt === undefined ? undefined : Math.round(rtt * 1000) / 1000;
}

/**
 * A sampling ratio: the flag's, else the one most entry spans agree on, from their tracestate's
 * OpenTelemetry threshold (ot=th) or else Jaeger's probabilistic sampler tags.
 */
function samplingOf(entries: Invocation[], given: number | undefined): { ratio: number; from: string } {
  if (given !== undefined) return { ratio: given, from: "--sampling" };
  const fromTraceState = agreedRatio(entries.map((entry) => entry.span.samplingProbability));
  if (fromTraceState !== undefined) return { ratio: fromTraceState, from: "the entry spans' tracestate (ot=th)" };
  const fromJaeger = agreedRatio(
    entries.map((entry) => (entry.span.attributes["sampler.type"] === "probabilistic" ? Number(entry.span.attributes["sampler.param"]) : undefined)),
  );
  if (fromJaeger !== undefined) return { ratio: fromJaeger, from: "the entry spans' sampler.param tag" };
  return { ratio: 1, from: "assumed" };
}

/** The ratio more than half the entries carry, when those that carry one all carry the same. */
function agreedRatio(ratios: Array<number | undefined>): number | undefined {
  const carried = ratios.filter((value): value is number => value !== undefined && value > 0 && value <= 1);
  if (carried.length > 0 && carried.length * 2 > ratios.length && carried.every((value) => value === carried[0])) return carried[0];
  return undefined;
}

/** Traces per second at the entry over the time they span, scaled up by the sampling ratio. */
function rateOf(entries: Invocation[], sampling: number): TracedApplication["rate"] {
  if (entries.length < 2) return undefined;
  const starts = entries.map((entry) => entry.startMs).sort((a, b) => a - b);
  const windowMs = starts[starts.length - 1] - starts[0];
  if (!(windowMs > 0)) return undefined;
  // n starts span n - 1 gaps between arrivals.
  return { perSec: (entries.length - 1) / (windowMs / 1000) / sampling, windowS: windowMs / 1000, traces: entries.length };
}

/**
 * What an invocation's spans say about its protocol: the server span's, unless the caller's client span
 * is more specific (a gRPC, database or messaging client calling a server span that only says HTTP).
 */
function factsOf(invocation: Invocation): ReturnType<typeof callFacts> {
  const server = callFacts(invocation.span);
  if (!invocation.clientSpan || invocation.clientSpan === invocation.span) return server;
  const client = callFacts(invocation.clientSpan);
  return server.kind === "http" && client.kind !== "http" ? client : server;
}

function instanceOf(span: Span): string | undefined {
  for (const key of ["k8s.pod.name", "service.instance.id", "host.name", "hostname", "ip"]) {
    const value = span.attributes[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

function meanOf(values: Array<number | undefined>): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : Math.round(known.reduce((a, b) => a + b, 0) / known.length);
}

function plural(count: number, word: string): string {
  return `${figure(count)} ${word}${count === 1 ? "" : "s"}`;
}

function figure(count: number): string {
  return count.toLocaleString("en-US");
}

function repairNotices(repairs: TraceRepairs, counts: InvocationCounts, unnamed: number): string[] {
  const notices: string[] = [];
  if (repairs.duplicateSpans > 0) notices.push(`${plural(repairs.duplicateSpans, "duplicate span")} (same trace and span id) dropped`);
  if (repairs.rootsMissing > 0) notices.push(`${plural(repairs.rootsMissing, "trace")} without a root span (an untraced caller, or a lost span): the earliest span whose parent is missing taken as the entry`);
  if (repairs.orphansAttached > 0) notices.push(`${plural(repairs.orphansAttached, "span")} whose parent is missing attached under the span that encloses them in time`);
  if (repairs.orphansDropped > 0) notices.push(`${plural(repairs.orphansDropped, "span")} whose parent is missing and that no span encloses dropped (with their children)`);
  if (repairs.cycleSpans > 0) notices.push(`${plural(repairs.cycleSpans, "span")} in parent loops: their parent links cut, then placed as spans without a parent`);
  if (repairs.skewShifted > 0) notices.push(`${plural(repairs.skewShifted, "span")} outside their parent on another host (clock skew) moved into the middle of the parent`);
  if (repairs.tracesTooLong > 0) notices.push(`${plural(repairs.tracesTooLong, "trace")} with a span longer than a day (a stream held open, or a broken clock) dropped: a scenario's times are at most a day`);
  if (repairs.longerThanParent > 0) notices.push(`${plural(repairs.longerThanParent, "span")} longer than their parent on another host (clock skew or a lost parent end): started with the parent`);
  if (counts.proxySpans > 0) notices.push(`${plural(counts.proxySpans, "proxy span")} (Envoy, linkerd2-proxy) stepped through: their time is part of the caller's wait, not of any app's own time`);
  if (counts.standIns > 0) notices.push(`${plural(counts.standIns, "sidecar span")} stood for an app that wrote no span of its own`);
  if (counts.selfCalls > 0) notices.push(`${plural(counts.selfCalls, "call")} of a service to itself folded into its own invocation`);
  if (counts.cycles > 0) notices.push(`${plural(counts.cycles, "call")} back into a service already on the call path (a cycle, which a scenario cannot hold) folded into the caller's own time`);
  if (counts.enteredBelowRoot > 0) notices.push(`${plural(counts.enteredBelowRoot, "trace")} began at a proxy or an untraced caller's client span: entered at the first app span beneath it`);
  if (unnamed > 0) notices.push(`${plural(unnamed, "trace")} held only proxy spans that name no workload: dropped`);
  return notices;
}
