/**
 * Reads Deployments, StatefulSets, DaemonSets, Services, HorizontalPodAutoscalers, Namespaces and
 * Nodes into a DeploymentShape: autoscalers on CPU utilisation, the Services' zone preferences
 * (spec.trafficDistribution, the topology-mode annotation) and the Nodes' zones included. Objects of
 * other kinds are skipped with a notice; what the scenario format cannot hold (other autoscaler
 * metrics, affinity, a second mesh) is listed as not imported.
 */

import { MAX_PODS, ScenarioError } from "../../scenario/index.js";
import type { Manifest } from "../traffic/index.js";
import { describe, get, isObject, list, namespaceOf, stringMap } from "./_objects.js";
import { readCiliumAffinity } from "./cilium-affinity.js";
import type { DeployedWorkload, DeploymentShape } from "./deployment-shape.js";
import { meshEnrolment, type LabelsAndAnnotations } from "./mesh-enrolment.js";
import { portProtocol } from "./port-protocol.js";
import { proxyOverrides } from "./proxy-overrides.js";
import { readAutoscaler } from "./read-autoscaler.js";
import { isAccessResource, readAccessPolicies } from "./read-access-policies.js";
import { isIstioSidecar, readIstioSidecarScope } from "./istio-sidecar-scope.js";
import { readKumaReachableServices } from "./kuma-reachable-services.js";
import { readConsulIntentionScope } from "./consul-intention-scope.js";
import { readNodes } from "./read-nodes.js";
import { readWorkload, WORKLOAD_KINDS } from "./read-workload.js";

/**
 * @param files - the files read, for the scenario's header
 * @throws ScenarioError when no object gives a workload or a node, or an object is malformed
 * @example importDeploymentShape(manifests, ["k8s/"]).workloads[0].replicas // 3
 */
export function importDeploymentShape(manifests: readonly Manifest[], files: string[]): DeploymentShape {
  const shape: DeploymentShape = { files, workloads: [], meshes: [], overrides: {}, overridesFrom: [], notImported: [], notices: [] };
  const byKind = (kind: string): Manifest[] => manifests.filter((manifest) => manifest.kind === kind);
  const namespaces = new Map<string, LabelsAndAnnotations>(
    byKind("Namespace").map((manifest) => [manifest.name, { labels: stringMap(manifest, ["metadata", "labels"]), annotations: stringMap(manifest, ["metadata", "annotations"]) }]),
  );
  const nodes = readNodes(byKind("Node"));
  shape.notImported.push(...nodes.notImported);
  shape.notices.push(...nodes.notices);
  if (nodes.nodes.length > 0) {
    shape.cluster = {
      nodes: nodes.nodes.length,
      ...(nodes.vcpuPerNode !== undefined ? { vcpuPerNode: nodes.vcpuPerNode } : {}),
      ...(nodes.memoryGbPerNode !== undefined ? { memoryGbPerNode: nodes.memoryGbPerNode } : {}),
      from: `${nodes.nodes.length} Node object${nodes.nodes.length === 1 ? "" : "s"}`,
      ...(nodes.zones ? { zones: nodes.zones } : {}),
    };
  }

  const services = byKind("Service");
  const scaledToZero = new Set<string>();
  const exposedNames = new Set(byKind("Ingress").flatMap((ingress) => ingressBackends(ingress)));
  for (const manifest of manifests.filter((candidate) => (WORKLOAD_KINDS as readonly string[]).includes(candidate.kind))) {
    const workload = readWorkload(manifest);
    if (workload.replicas === 0) {
      // Scaled to zero: it runs no pod (and Kubernetes' autoscaler leaves it alone), while a scenario's service runs at least one.
      shape.notImported.push(`${workload.source}: spec.replicas is 0 (scaled to zero), so it runs nothing and is left out; a traced service of that name keeps the pods its spans name`);
      scaledToZero.add(`${workload.kind}/${workload.namespace}/${workload.name}`);
      continue;
    }
    const selecting = services.filter((service) => namespaceOf(service) === workload.namespace && selects(stringMap(service, ["spec", "selector"]), workload.podLabels));
    const deployed: DeployedWorkload = {
      ...workload,
      aliases: [...new Set([workload.name, ...selecting.map((service) => service.name), ...["app", "app.kubernetes.io/name", "service.istio.io/canonical-name"].map((key) => workload.podLabels[key]).filter((name): name is string => !!name)])],
      exposed: selecting.some((service) => ["LoadBalancer", "NodePort"].includes(String(get(service, ["spec", "type"])))) || selecting.some((service) => exposedNames.has(service.name)),
    };
    if (workload.replicas !== undefined) deployed.replicasFrom = "spec.replicas";
    if (workload.kind === "DaemonSet") {
      const count = shape.cluster?.nodes;
      if (count !== undefined) {
        deployed.replicas = count;
        deployed.nodes = [...Array(count).keys()];
        deployed.replicasFrom = "a DaemonSet: one pod on each of the nodes";
      } else {
        shape.notImported.push(`${workload.source}: a DaemonSet runs one pod per node; without Node objects the scenario's node count is unknown, so it runs 1 replica`);
      }
    }
    for (const service of selecting) {
      for (const [index, port] of list(service, ["spec", "ports"]).entries()) {
        if (!isObject(port) || deployed.protocol) continue;
        const found = portProtocol({ name: typeof port.name === "string" ? port.name : undefined, appProtocol: typeof port.appProtocol === "string" ? port.appProtocol : undefined });
        if (found) deployed.protocol = { ...found, from: `${describe(service)} spec.ports[${index}] ${found.from}` };
      }
    }
    if (!deployed.protocol) {
      const named = workload.containerPorts.map((port) => ({ port, found: portProtocol({ name: port.name }) })).find((entry) => entry.found);
      if (named) deployed.protocol = { ...named.found!, from: `${workload.source} container port ${named.found!.from}` };
    }
    readZonePreferences(deployed, selecting, shape);
    readCiliumAffinity(deployed, selecting, shape);
    placeBySelector(deployed, nodes.nodes, shape);
    const enrolment = meshEnrolment({ labels: workload.podLabels, annotations: workload.podAnnotations }, namespaces.get(workload.namespace), workload.namespace);
    if (enrolment) deployed.mesh = { id: enrolment.mesh, from: enrolment.from };
    if (workload.scheduling.length > 0) shape.notImported.push(`${workload.source}: ${workload.scheduling.join(", ")} (scheduling rules the scenario cannot hold; pods are placed round-robin)`);
    shape.workloads.push(deployed);
  }
  applyAutoscalers(byKind("HorizontalPodAutoscaler"), shape, scaledToZero);
  checkPodCount(shape, files);

  const enrolled = shape.workloads.filter((workload) => workload.mesh && workload.mesh.id !== "none").map((workload) => ({ workload, mesh: workload.mesh!.id }));
  shape.meshes = [...new Set(enrolled.map((entry) => entry.mesh))].sort();
  if (shape.meshes.length > 1) {
    shape.notImported.push(`workloads are enrolled in ${shape.meshes.length} meshes (${shape.meshes.join(", ")}); a run puts every meshed service under the one mesh it simulates`);
  }
  const overrides = proxyOverrides(enrolled);
  shape.overrides = overrides.overrides;
  shape.overridesFrom = overrides.from;
  shape.notImported.push(...overrides.notImported);
  readAccessPolicies(manifests, shape);
  readIstioSidecarScope(manifests, shape);
  readKumaReachableServices(shape);
  readConsulIntentionScope(manifests, shape);

  const used = new Set(["Namespace", "Node", "Service", "HorizontalPodAutoscaler", "Ingress", ...WORKLOAD_KINDS]);
  const skipped = new Map<string, number>();
  for (const manifest of manifests) if (!used.has(manifest.kind) && !isAccessResource(manifest) && !isIstioSidecar(manifest)) skipped.set(manifest.kind, (skipped.get(manifest.kind) ?? 0) + 1);
  if (skipped.size > 0) {
    const kinds = [...skipped.entries()].map(([kind, count]) => `${count} ${kind}`).join(", ");
    shape.notices.push(`skipped ${kinds}: not part of the deployment's shape (traffic resources go to meshsim run --traffic-config)`);
  }
  if (shape.workloads.length === 0 && !shape.cluster && scaledToZero.size > 0) {
    throw new ScenarioError(files.join(", "), "", "hold only workloads scaled to zero (spec.replicas 0): nothing to import");
  }
  if (shape.workloads.length === 0 && !shape.cluster) {
    throw new ScenarioError(files.join(", "), "", "hold no Deployment, StatefulSet, DaemonSet or Node: nothing to import");
  }
  return shape;
}

// --- internal ---

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((key) => labels[key] === selector[key]);
}

function ingressBackends(ingress: Manifest): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if (isObject(value.service) && typeof value.service.name === "string") names.push(value.service.name);
      if (typeof value.serviceName === "string") names.push(value.serviceName);
      Object.values(value).forEach(visit);
    }
  };
  visit(get(ingress, ["spec"]));
  return names;
}

/** Annotations that ask the EndpointSlice controller for zone hints: the current one, then its deprecated name. */
const TOPOLOGY_ANNOTATIONS = ["service.kubernetes.io/topology-mode", "service.kubernetes.io/topology-aware-hints"];

/**
 * The zone preferences of the Services selecting a workload: spec.trafficDistribution and the
 * topology-mode annotation (Auto turns hints on; Disabled, or no annotation, leaves them off).
 */
function readZonePreferences(workload: DeployedWorkload, selecting: Manifest[], shape: DeploymentShape): void {
  for (const service of selecting) {
    const distribution = get(service, ["spec", "trafficDistribution"]);
    if (distribution === "PreferClose" || distribution === "PreferSameZone") {
      workload.trafficDistribution ??= { value: distribution, from: `${describe(service)} spec.trafficDistribution` };
    } else if (distribution !== undefined && distribution !== null) {
      shape.notImported.push(`${describe(service)}: spec.trafficDistribution ${JSON.stringify(distribution)} (the scenario knows PreferClose and PreferSameZone, which keep calls in the caller's zone)`);
    }
    const annotations = stringMap(service, ["metadata", "annotations"]);
    const key = TOPOLOGY_ANNOTATIONS.find((name) => annotations[name] !== undefined);
    if (key === undefined) continue;
    const mode = annotations[key];
    if (mode.toLowerCase() === "auto") workload.topologyMode ??= { from: `${describe(service)} annotation ${key}: ${mode}` };
    else if (mode.toLowerCase() !== "disabled") shape.notImported.push(`${describe(service)}: annotation ${key}: ${mode} (Kubernetes knows Auto and Disabled; hints stay off)`);
  }
}

function placeBySelector(workload: DeployedWorkload, nodes: Array<{ name: string; labels: Record<string, string> }>, shape: DeploymentShape): void {
  const selector = workload.nodeSelector;
  if (Object.keys(selector).length === 0 || workload.kind === "DaemonSet") return;
  const text = Object.entries(selector).map(([key, value]) => `${key}=${value}`).join(", ");
  if (nodes.length === 0) {
    shape.notImported.push(`${workload.source}: nodeSelector ${text} (no Node objects to match it against; give kubectl get nodes -o json too)`);
    return;
  }
  const matching = nodes.map((node, index) => ({ node, index })).filter(({ node }) => Object.entries(selector).every(([key, value]) => node.labels[key] === value));
  if (matching.length === 0) {
    shape.notImported.push(`${workload.source}: nodeSelector ${text} matches none of the Node objects; pods are placed round-robin`);
    return;
  }
  workload.nodes = matching.map(({ index }) => index);
  workload.nodesFrom = `nodeSelector ${text}: ${matching.map(({ node }) => node.name).join(", ")}`;
}

/**
 * Refuses workloads whose pods (an autoscaled one's maxReplicas) pass MAX_PODS together: the scenario
 * could not hold them, and the import would write one that does not load.
 */
function checkPodCount(shape: DeploymentShape, files: readonly string[]): void {
  const pods = shape.workloads.map((workload) => ({ source: workload.source, count: workload.autoscaling?.maxReplicas ?? workload.replicas ?? 1 }));
  const total = pods.reduce((sum, pod) => sum + pod.count, 0);
  if (total <= MAX_PODS) return;
  const largest = [...pods].sort((a, b) => b.count - a.count).slice(0, 3).map((pod) => `${pod.source}: ${pod.count}`).join(", ");
  throw new ScenarioError(files.join(", "), "", `hold ${total} pods in all (${largest}${pods.length > 3 ? ", ..." : ""}); a scenario holds at most ${MAX_PODS}, since the simulated network keeps a station and counters for each`);
}

function applyAutoscalers(autoscalers: Manifest[], shape: DeploymentShape, scaledToZero: ReadonlySet<string>): void {
  for (const manifest of autoscalers) {
    const autoscaler = readAutoscaler(manifest);
    const { kind, name } = autoscaler.target;
    if (scaledToZero.has(`${kind}/${namespaceOf(manifest)}/${name}`)) {
      shape.notices.push(`${autoscaler.source} scales ${kind} ${name}, which is scaled to zero (Kubernetes' autoscaler is off then): skipped`);
      continue;
    }
    if (autoscaler.maxReplicas > MAX_PODS) {
      shape.notImported.push(`${autoscaler.source}: maxReplicas ${autoscaler.maxReplicas}, more pods than a scenario holds (the simulation compiles every one up front): ${MAX_PODS} is used`);
      autoscaler.maxReplicas = MAX_PODS;
      autoscaler.minReplicas = Math.min(autoscaler.minReplicas, MAX_PODS);
    }
    const workload = shape.workloads.find((candidate) => candidate.name === name && candidate.kind === kind && candidate.namespace === namespaceOf(manifest));
    if (!workload) {
      shape.notices.push(`${autoscaler.source} scales ${kind} ${name}, which the manifests do not hold: skipped`);
      continue;
    }
    const { minReplicas: min, maxReplicas: max } = autoscaler;
    if (workload.replicas === undefined) {
      workload.replicas = min;
      workload.replicasFrom = `HorizontalPodAutoscaler ${manifest.name} minReplicas (the workload sets no spec.replicas)`;
    }
    const keeps = `so ${name} keeps ${workload.replicas} replica${workload.replicas === 1 ? "" : "s"}`;
    const why =
      workload.kind === "DaemonSet"
        ? "a DaemonSet runs one pod per node and cannot be scaled"
        : autoscaler.targetCpuUtilization === undefined
          ? `it scales on ${autoscaler.notFollowed.join(", ")} only, and the simulated autoscaler follows CPU utilisation`
          : workload.resources?.cpuRequest === undefined && workload.resources?.cpuLimit === undefined
            ? "the pods request no CPU, and the HorizontalPodAutoscaler measures utilisation against CPU requests"
            : undefined;
    if (why !== undefined) {
      shape.notImported.push(`${autoscaler.source}: ${min}-${max} replicas of ${kind} ${name}; not imported (${why}), ${keeps}`);
      continue;
    }
    if (workload.replicas < min || workload.replicas > max) {
      const clamped = Math.min(max, Math.max(min, workload.replicas));
      workload.replicasFrom = `${workload.replicasFrom ?? "spec.replicas"} ${workload.replicas}, brought within HorizontalPodAutoscaler ${manifest.name}'s ${min}-${max} as the controller would`;
      workload.replicas = clamped;
    }
    workload.autoscaling = { minReplicas: min, maxReplicas: max, targetCpuUtilization: autoscaler.targetCpuUtilization!, from: `${autoscaler.source}: ${autoscaler.targetFrom}` };
    if (autoscaler.notFollowed.length > 0) {
      shape.notImported.push(`${autoscaler.source}: ${autoscaler.notFollowed.join("; ")}: not followed (the simulated autoscaler reads CPU utilisation only, so it may scale differently)`);
    }
  }
}
