/**
 * Puts an application inferred from traces and a deployment shape read from manifests (either or both)
 * into one scenario document, with a comment beside every inferred number saying what it came from
 * and a header listing what could not be inferred or imported.
 */

import type { DeployedWorkload, DeploymentShape } from "../manifests/index.js";
import type { CallGroup, CallSummary, TracedApplication, TracedService } from "../traces/index.js";
import { NameRegistry, toScenarioName } from "./scenario-names.js";
import { addAccessPolicies, addServiceMtls } from "./_access-policies.js";
import { addProxyScope } from "./_proxy-scope.js";
import { addClusterZones, addScalingAndZoneFields } from "./_scaling-and-zones.js";
import type { PlacedComment } from "./placed-comment.js";

export interface ComposedScenario {
  document: Record<string, unknown>;
  comments: PlacedComment[];
  /** Lines of the header comment, without "# ". */
  header: string[];
}

export interface ComposeInput {
  name: string;
  app?: TracedApplication;
  traceFiles?: Array<{ file: string; format: string; spans: number }>;
  shape?: DeploymentShape;
  /** The command that wrote it, for the header. */
  command: string;
}

/** Round trip between pods on different nodes the scenario says, ms (the scenario format's default). */
export const CLUSTER_RTT_MS = 0.2;
/** Share of a replica's workers the imported load may keep busy when concurrency is sized from it. */
export const TARGET_UTILISATION = 0.5;
/** The load when the traces give no rate, requests per second. */
export const DEFAULT_RATE_PER_SEC = 10;

/**
 * @example composeScenario({ name: "shop", app, command: "meshsim import traces t.json" }).document.services
 */
export function composeScenario(input: ComposeInput): ComposedScenario {
  const { app, shape } = input;
  const names = new NameRegistry();
  const comments: PlacedComment[] = [];
  const notInferred: string[] = [...(app?.notInferred ?? [])];
  const notImported: string[] = [...(shape?.notImported ?? [])];
  const notices: string[] = [...(app?.notices ?? []), ...(shape?.notices ?? [])];

  const rate = app?.rate?.perSec ?? DEFAULT_RATE_PER_SEC;
  const workloads = shape?.workloads ?? [];
  const matched = new Map<DeployedWorkload, TracedService>();
  const services: Array<Record<string, unknown>> = [];
  const serviceName = new Map<string, string>();

  for (const traced of app?.services ?? []) {
    const workload = traced.external ? undefined : findWorkload(workloads, traced.name);
    if (workload) matched.set(workload, traced);
    const name = names.nameOf(workload?.name ?? traced.name);
    serviceName.set(traced.name, name);
    const index = services.length;
    services.push(tracedService(name, traced, workload, rate, shape, comments, index));
  }
  for (const workload of workloads) {
    if (matched.has(workload)) continue;
    const name = names.nameOf(workload.name);
    serviceName.set(workload.name, name);
    services.push(untracedWorkload(name, workload, shape!, comments, services.length, Boolean(app)));
  }
  if (workloads.some((workload) => !matched.has(workload))) {
    notInferred.push(
      app
        ? "service times of workloads no trace reached: 1 ms, exponential (assumption); no request type calls them, but their pods (and sidecars) count in the resources"
        : "service times: the manifests hold none; every service takes 1 ms, exponential (assumption): import traces for measured times",
    );
  }

  const requestTypes = app ? tracedRequestTypes(app, serviceName, comments) : manifestRequestTypes(workloads, serviceName, comments);
  if (!app) notInferred.push("the call graph: manifests say who is deployed, not who calls whom; every exposed service is entered directly with no calls (import traces for the calls)");

  const document: Record<string, unknown> = {
    name: input.name,
    description: `Imported by meshsim import from ${[app ? `${plural(app.traces, "trace")}` : "", shape ? `${plural(shape.workloads.length, "workload")} in Kubernetes manifests` : ""].filter(Boolean).join(" and ")}.`,
    cluster: clusterOf(shape, app, comments, notInferred),
    services,
    requestTypes,
    load: loadOf(app, rate, comments, notInferred),
    ...meshOf(shape, comments),
  };
  addAccessPolicies(document, shape, serviceName, comments);
  addProxyScope(document, shape, comments);
  notInferred.push(
    "cpuShare (how much of a service's time burns CPU rather than waits on disk or locks): 1 for every service, the format's default",
    "holdWorker (whether a worker stays busy while its calls run): false, the format's default; concurrency is sized from the load instead (see each service)",
  );
  const header = headerOf(input, notInferred, notImported, notices);
  return { document, comments, header };
}

// --- internal ---

function tracedService(name: string, traced: TracedService, workload: DeployedWorkload | undefined, rate: number, shape: DeploymentShape | undefined, comments: PlacedComment[], index: number): Record<string, unknown> {
  const at = (key: string): Array<string | number> => ["services", index, key];
  const time = traced.serviceTime;
  const service: Record<string, unknown> = { name };
  const manifestProtocol = workload?.protocol;
  const useManifest = traced.evidence === "" && manifestProtocol !== undefined;
  service.kind = useManifest ? (manifestProtocol.kind ?? kindFor(manifestProtocol.protocol)) : traced.kind;
  service.protocol = useManifest ? manifestProtocol.protocol : traced.protocol;
  comments.push({ path: at("protocol"), text: useManifest ? `from ${manifestProtocol.from}` : traced.evidence ? `from the spans' ${traced.evidence}` : "assumption: no span or manifest says; HTTP/1.1" });
  if (traced.external) {
    service.external = true;
    comments.push({ path: at("external"), text: "called by the traced services, outside the cluster (a public host name)" });
  }
  const replicas = workload?.replicas ?? (traced.instances > 1 ? traced.instances : 1);
  service.replicas = replicas;
  comments.push({
    path: at("replicas"),
    text: workload?.replicasFrom ? `from ${workload.source} ${workload.replicasFrom}` : traced.instances > 1 ? `from ${traced.instances} distinct pods in the spans` : traced.external ? "an external service: one endpoint" : "assumption: no manifest or span names its pods",
  });
  if (traced.external) {
    service.concurrency = 1000;
    comments.push({ path: at("concurrency"), text: "an external service: never the bottleneck" });
  } else {
    const busy = (rate * traced.visitsPerTrace * time.meanMs) / 1000;
    const concurrency = Math.max(1, Math.ceil(busy / (replicas * TARGET_UTILISATION)));
    service.concurrency = concurrency;
    comments.push({
      path: at("concurrency"),
      text: `assumption: traces do not show worker counts; sized so ${round(rate, 3)} requests/s x ${round(traced.visitsPerTrace, 3)} visits x ${round(time.meanMs, 3)} ms keeps workers under ${TARGET_UTILISATION * 100}% busy`,
    });
  }
  service.serviceTime = time.spec;
  const what = traced.traced
    ? traced.standIn
      ? `own time: its sidecar's span (it wrote none) minus its calls and ${traced.standIn.subtractedMs} ms of the ${traced.standIn.proxy} passes (models/${traced.standIn.profile}.yaml pathMsPerPass x 2)`
      : "own time: its spans minus the time waiting on its calls"
    : traced.external
      ? `its callers' round trips minus the network's (cluster.network.externalRttMs)`
      : `its callers' round trips minus ${traced.roundTripLessMs ?? 0} ms of network (it wrote no spans)`;
  comments.push({
    path: at("serviceTime"),
    before: true,
    text: `from ${plural(time.count, traced.traced ? "span" : "call")} (${what}): mean ${round(time.meanMs, 4)} ms, p50 ${round(time.p50Ms, 4)}, p99 ${round(time.p99Ms, 4)}, max ${round(time.maxMs, 4)}; ${time.how === "empirical" ? "their histogram" : time.how === "lognormal" ? `a lognormal of their mean and cv (${round(time.cv, 3)}): too few for a histogram` : "all equal"}`,
  });
  if (workload) addWorkloadFields(service, workload, shape!, comments, index);
  return service;
}

function untracedWorkload(name: string, workload: DeployedWorkload, shape: DeploymentShape, comments: PlacedComment[], index: number, withTraces: boolean): Record<string, unknown> {
  const at = (key: string): Array<string | number> => ["services", index, key];
  const protocol = workload.protocol;
  const service: Record<string, unknown> = {
    name,
    kind: protocol?.kind ?? kindFor(protocol?.protocol ?? "http1"),
    protocol: protocol?.protocol ?? "http1",
    replicas: workload.replicas ?? 1,
    serviceTime: { type: "exponential", meanMs: 1 },
  };
  comments.push({ path: ["services", index], before: true, text: withTraces ? `${workload.source}: in the manifests, in no trace` : workload.source });
  comments.push({ path: at("protocol"), text: protocol ? `from ${protocol.from}` : "assumption: no port names its protocol; HTTP/1.1" });
  comments.push({ path: at("replicas"), text: workload.replicasFrom ? `from ${workload.replicasFrom}` : "Kubernetes' default: the workload sets no spec.replicas" });
  comments.push({ path: at("serviceTime"), text: "assumption: nothing measured it" });
  addWorkloadFields(service, workload, shape, comments, index);
  return service;
}

function addWorkloadFields(service: Record<string, unknown>, workload: DeployedWorkload, shape: DeploymentShape, comments: PlacedComment[], index: number): void {
  const at = (key: string): Array<string | number> => ["services", index, key];
  if (workload.mesh?.id === "none" || (!workload.mesh && shape.meshes.length > 0)) {
    service.meshed = false;
    comments.push({ path: at("meshed"), text: workload.mesh ? `opted out: ${workload.mesh.from}` : `not enrolled in ${shape.meshes.join(" or ")}, unlike other workloads` });
  }
  if (workload.nodes) {
    service.nodes = workload.nodes;
    comments.push({ path: at("nodes"), text: `from ${workload.nodesFrom ?? workload.replicasFrom ?? "the manifests"}` });
  }
  if (workload.resources) {
    service.resources = workload.resources;
    comments.push({ path: at("resources"), text: `from ${workload.source} ${workload.resourcesFrom}` });
  }
  addScalingAndZoneFields(service, workload, comments, index);
  addServiceMtls(service, workload, comments, index);
  const labels = Object.fromEntries(["app", "version"].filter((key) => workload.podLabels[key] !== undefined).map((key) => [key, workload.podLabels[key]]));
  if (Object.keys(labels).length > 0) {
    service.labels = labels;
    comments.push({ path: at("labels"), text: "the pod template's app and version labels (DestinationRule subsets select by them)" });
  }
}

function findWorkload(workloads: DeployedWorkload[], traced: string): DeployedWorkload | undefined {
  const candidates = [traced, traced.split(".")[0], toScenarioName(traced)];
  return workloads.find((workload) => workload.aliases.some((alias) => candidates.includes(alias) || candidates.includes(toScenarioName(alias))));
}

function kindFor(protocol: string): string {
  return protocol === "grpc" ? "grpc" : protocol === "tcp" ? "db" : "http";
}

function tracedRequestTypes(app: TracedApplication, serviceName: Map<string, string>, comments: PlacedComment[]): Array<Record<string, unknown>> {
  const typeNames = new NameRegistry();
  return app.requestTypes.map((type, index) => {
    const path = ["requestTypes", index];
    const document: Record<string, unknown> = {
      name: typeNames.nameOf(`${type.entry}-${type.operation}`),
      weight: type.traces,
      entry: serviceName.get(type.entry),
      ...(type.requestBytes !== undefined ? { requestBytes: type.requestBytes } : {}),
      ...(type.responseBytes !== undefined ? { responseBytes: type.responseBytes } : {}),
    };
    comments.push({ path: [...path, "weight"], text: `${plural(type.traces, "trace")} of ${app.traces.toLocaleString("en-US")} start with ${type.entry} ${JSON.stringify(type.operation)}` });
    if (type.requestBytes !== undefined) comments.push({ path: [...path, "requestBytes"], text: "mean of the entry spans' request size attribute" });
    if (type.calls.length > 0) document.calls = callNodes(type.calls, [...path, "calls"], serviceName, comments);
    return document;
  });
}

function callNodes(groups: CallGroup[], path: Array<string | number>, serviceName: Map<string, string>, comments: PlacedComment[]): Array<Record<string, unknown>> {
  return groups.map((group, index) => {
    if (group.kind === "call") return callNode(group, [...path, index], serviceName, comments);
    comments.push({
      path: [...path, index],
      before: true,
      text: `parallel: their waits overlapped in ${group.overlapping} of ${group.together} invocations that made two of them`,
    });
    return { parallel: group.members.map((member, i) => callNode(member, [...path, index, "parallel", i], serviceName, comments)) };
  });
}

function callNode(call: CallSummary, path: Array<string | number>, serviceName: Map<string, string>, comments: PlacedComment[]): Record<string, unknown> {
  const name = serviceName.get(call.service) ?? toScenarioName(call.service);
  const probability = round(call.probability, 3);
  const base: Record<string, unknown> = { call: name };
  if (call.async) base.async = true;
  if (call.requestBytes !== undefined) base.requestBytes = call.requestBytes;
  if (call.responseBytes !== undefined) base.responseBytes = call.responseBytes;
  const operation = `${JSON.stringify(call.operation)}`;
  const seen = `in ${call.present.toLocaleString("en-US")} of ${call.of.toLocaleString("en-US")} (${round(call.probability * 100, 1)}%)`;
  if (call.parallelCopies) {
    // The copies are alike; the first carries the comments of the calls they make.
    const calls = call.calls.length > 0 ? callNodes(call.calls, [...path, "parallel", 0, "calls"], serviceName, comments) : undefined;
    comments.push({ path, before: true, text: `${operation} ${seen}, ${round(call.repeat, 2)} calls at once on average (${call.parallelCopies} parallel copies)` });
    const copies = Array.from({ length: call.parallelCopies }, () => ({ ...base, ...(calls ? { calls } : {}) }));
    return { parallel: copies, ...(probability < 1 ? { probability } : {}) };
  }
  const node: Record<string, unknown> = { ...base };
  if (probability < 1) node.probability = probability;
  const repeat = round(call.repeat, 2);
  if (repeat !== 1) node.repeat = repeat;
  const sizes = call.requestBytes !== undefined || call.responseBytes !== undefined ? "; bytes: mean of the spans' size attributes" : "";
  comments.push({ path, before: true, text: `${operation} ${seen}${repeat !== 1 ? `, ${repeat} times each (${call.total.toLocaleString("en-US")} calls)` : ""}${call.async ? "; the caller does not wait" : ""}${sizes}` });
  if (call.calls.length > 0) node.calls = callNodes(call.calls, [...path, "calls"], serviceName, comments);
  return node;
}

function manifestRequestTypes(workloads: DeployedWorkload[], serviceName: Map<string, string>, comments: PlacedComment[]): Array<Record<string, unknown>> {
  const exposed = workloads.filter((workload) => workload.exposed);
  const entries = exposed.length > 0 ? exposed : workloads;
  return entries.map((workload, index) => {
    comments.push({
      path: ["requestTypes", index],
      before: true,
      text: exposed.length > 0 ? `${workload.source} is exposed (a LoadBalancer or NodePort Service, or an Ingress)` : `${workload.source}: no Service exposes a workload outside the cluster, so each is an entry`,
    });
    return { name: toScenarioName(`${serviceName.get(workload.name)}-direct`), weight: 1, entry: serviceName.get(workload.name) };
  });
}

function clusterOf(shape: DeploymentShape | undefined, app: TracedApplication | undefined, comments: PlacedComment[], notInferred: string[]): Record<string, unknown> {
  const cluster: Record<string, unknown> = {};
  if (shape?.cluster) {
    cluster.nodes = shape.cluster.nodes;
    comments.push({ path: ["cluster", "nodes"], text: `from ${shape.cluster.from}` });
    if (shape.cluster.vcpuPerNode !== undefined) {
      cluster.vcpuPerNode = shape.cluster.vcpuPerNode;
      comments.push({ path: ["cluster", "vcpuPerNode"], text: "from the Nodes' status.capacity.cpu" });
    }
    if (shape.cluster.memoryGbPerNode !== undefined) {
      cluster.memoryGbPerNode = shape.cluster.memoryGbPerNode;
      comments.push({ path: ["cluster", "memoryGbPerNode"], text: "from the Nodes' status.capacity.memory" });
    }
    addClusterZones(cluster, shape, comments);
    if (shape.cluster.zones) notInferred.push("round trips between zones: cluster.network.crossZoneRttMs is left to its default (1 ms, models/SOURCES.md)");
  } else {
    cluster.nodes = 3;
    comments.push({ path: ["cluster", "nodes"], text: "assumption: no Node objects given (kubectl get nodes -o json)" });
    notInferred.push("the nodes: how many and how big (give kubectl get nodes -o json); 3 nodes without a machine, so apps and proxies do not contend for cores");
  }
  const network: Record<string, unknown> = { sameNodeRttMs: 0.04, crossNodeRttMs: CLUSTER_RTT_MS };
  comments.push({ path: ["cluster", "network", "crossNodeRttMs"], text: "assumption: typical within one zone; also taken off untraced peers' round trips" });
  comments.push({ path: ["cluster", "network", "sameNodeRttMs"], text: "assumption: pod to pod on one node" });
  notInferred.push("network round trips inside the cluster: 0.04 ms on one node, 0.2 ms between nodes (assumptions)");
  if (app?.externalRttMs !== undefined) {
    network.externalRttMs = app.externalRttMs;
    comments.push({ path: ["cluster", "network", "externalRttMs"], text: "the 1st percentile of the quickest external service's round trips (the fastest answers are mostly distance)" });
  }
  cluster.network = network;
  return cluster;
}

function loadOf(app: TracedApplication | undefined, rate: number, comments: PlacedComment[], notInferred: string[]): Record<string, unknown> {
  // Four decimals, or four significant digits for a rate below 0.0001/s (a few traces days apart), which would round to 0.
  const load: Record<string, unknown> = { type: "open", arrival: "poisson", ratePerSec: round(rate, 4) || Number(rate.toPrecision(4)), durationS: 30, warmupS: 2 };
  if (app?.rate) {
    const sampled = app.sampling.ratio !== 1 ? ` / sampling ${app.sampling.ratio} (${app.sampling.from})` : "";
    comments.push({ path: ["load", "ratePerSec"], text: `from ${plural(app.rate.traces, "trace")} starting over ${round(app.rate.windowS, 4)} s${sampled}` });
  } else {
    comments.push({ path: ["load", "ratePerSec"], text: `assumption: ${app ? "the traces' timestamps give no rate" : "manifests say nothing of load"}` });
    if (!app) notInferred.push(`the load: ${DEFAULT_RATE_PER_SEC} requests/s (assumption)`);
  }
  comments.push({ path: ["load", "arrival"], text: "assumption: independent arrivals, as from many users" });
  comments.push({ path: ["load", "durationS"], text: "a choice, not from the traces: --duration overrides" });
  if (app?.viaGateway) {
    load.ingress = "gateway";
    comments.push({ path: ["load", "ingress"], text: "most traces came in through a mesh gateway's span" });
  }
  return load;
}

function meshOf(shape: DeploymentShape | undefined, comments: PlacedComment[]): Record<string, unknown> {
  if (!shape || shape.meshes.length === 0) return {};
  const mesh: Record<string, unknown> = { ids: ["none", ...shape.meshes] };
  comments.push({ path: ["mesh", "ids"], text: `the baseline and the mesh${shape.meshes.length > 1 ? "es" : ""} the workloads are enrolled in; --mesh overrides` });
  if (Object.keys(shape.overrides).length > 0) {
    mesh.overrides = shape.overrides;
    comments.push({ path: ["mesh", "overrides"], before: true, text: `from pod annotations: ${shape.overridesFrom.join("; ")}` });
  }
  return { mesh };
}

function headerOf(input: ComposeInput, notInferred: string[], notImported: string[], notices: string[]): string[] {
  const lines = [`${input.name}: written by \`${input.command}\`.`, ""];
  if (input.app) {
    const files = (input.traceFiles ?? []).map((entry) => `${entry.file} (${entry.format}, ${plural(entry.spans, "span")})`).join(", ");
    lines.push(`Call graph, service times and load from ${plural(input.app.traces, "trace")} (${plural(input.app.spans, "span")}): ${files}.`);
  }
  if (input.shape) lines.push(`Deployment shape (replicas, autoscalers, resources, protocols, nodes and zones, mesh enrolment) from ${input.shape.files.join(", ")}.`);
  lines.push("Every number below says what it came from; \"assumption\" marks the ones nothing measured.");
  const section = (title: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push("", title);
    for (const item of items) lines.push(`  - ${item}`);
  };
  section("Not inferred (set to the value shown, change them if you know better):", notInferred);
  section("Not imported (the scenario format cannot hold it):", notImported);
  section("Notices:", notices);
  return lines;
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
