/**
 * Reads a Deployment, StatefulSet or DaemonSet: replicas, the app containers' requests and limits
 * (injected proxies left out), the pod template's labels, annotations and node selector, and the
 * ports its containers name.
 */

import { isSubByteQuantity, MAX_PODS } from "../../scenario/index.js";
import { parseQuantity, type Manifest } from "../traffic/index.js";
import { describe, fail, get, isObject, list, namespaceOf, stringMap } from "./_objects.js";

export const WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet"] as const;

export interface Workload {
  name: string;
  namespace: string;
  kind: (typeof WORKLOAD_KINDS)[number];
  /** "k8s/cart.yaml: Deployment cart". */
  source: string;
  /** spec.replicas (absent: undefined; Kubernetes then runs 1, or what an autoscaler says). */
  replicas?: number;
  resources?: { cpuRequest?: string | number; cpuLimit?: string | number; memoryRequestMb?: string | number; memoryLimitMb?: string | number };
  /** Which containers the resources came from. */
  resourcesFrom?: string;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  nodeSelector: Record<string, string>;
  /** Scheduling rules the scenario cannot hold: affinity, tolerations, topology spread. */
  scheduling: string[];
  containerPorts: Array<{ name?: string; port: number; protocol?: string }>;
  /** The pod template's service account (Kubernetes' "default" when unset): its mesh identity. */
  serviceAccount: string;
}

/** Containers the meshes inject: their resources are the mesh's, not the app's. */
export const PROXY_CONTAINERS = new Set(["istio-proxy", "linkerd-proxy", "consul-dataplane", "envoy-sidecar", "consul-connect-envoy-sidecar", "kuma-sidecar", "kuma-dp", "envoy"]);

/**
 * @throws ScenarioError naming the file, object, field and line for a malformed replica count or container list
 * @example readWorkload(manifest).replicas // 3
 */
export function readWorkload(manifest: Manifest): Workload {
  const kind = manifest.kind as Workload["kind"];
  const replicasValue = get(manifest, ["spec", "replicas"]);
  if (replicasValue !== undefined && replicasValue !== null && !(Number.isInteger(replicasValue) && (replicasValue as number) >= 0)) {
    fail(manifest, ["spec", "replicas"], `must be a whole number of replicas, got ${JSON.stringify(replicasValue)}`);
  }
  if (typeof replicasValue === "number" && replicasValue > MAX_PODS) {
    fail(manifest, ["spec", "replicas"], `is ${replicasValue}: a scenario holds at most ${MAX_PODS} pods in all, since the simulated network keeps a station and counters for each`);
  }
  const podSpec = ["spec", "template", "spec"];
  const containers = list(manifest, [...podSpec, "containers"]).map((container, index) => {
    if (!isObject(container)) fail(manifest, [...podSpec, "containers", index], "must be a container (a mapping with name and image)");
    return { container, index };
  });
  if (containers.length === 0) fail(manifest, [...podSpec, "containers"], "lists no container");
  const apps = containers.filter(({ container }) => !PROXY_CONTAINERS.has(String(container.name)));
  const scheduling = ["affinity", "tolerations", "topologySpreadConstraints"].filter((key) => get(manifest, [...podSpec, key]) !== undefined);
  return {
    name: manifest.name,
    namespace: namespaceOf(manifest),
    kind,
    source: describe(manifest),
    ...(typeof replicasValue === "number" ? { replicas: replicasValue } : {}),
    ...readResources(manifest, apps.map(({ container, index }) => ({ container, path: [...podSpec, "containers", index] }))),
    podLabels: stringMap(manifest, ["spec", "template", "metadata", "labels"]),
    podAnnotations: stringMap(manifest, ["spec", "template", "metadata", "annotations"]),
    nodeSelector: stringMap(manifest, [...podSpec, "nodeSelector"]),
    scheduling,
    serviceAccount: serviceAccountOf(manifest),
    containerPorts: apps.flatMap(({ container }) =>
      (Array.isArray(container.ports) ? container.ports : []).filter(isObject).map((port) => ({
        ...(typeof port.name === "string" ? { name: port.name } : {}),
        port: Number(port.containerPort),
        ...(typeof port.protocol === "string" ? { protocol: port.protocol } : {}),
      })),
    ),
  };
}

// --- internal ---

/** spec.template.spec.serviceAccountName, then its deprecated alias serviceAccount, then "default". */
function serviceAccountOf(manifest: Manifest): string {
  for (const key of ["serviceAccountName", "serviceAccount"]) {
    const value = get(manifest, ["spec", "template", "spec", key]);
    if (typeof value === "string" && value !== "") return value;
  }
  return "default";
}

type Resources = NonNullable<Workload["resources"]>;

const FIELDS: Array<{ key: keyof Resources; section: "requests" | "limits"; resource: "cpu" | "memory" }> = [
  { key: "cpuRequest", section: "requests", resource: "cpu" },
  { key: "cpuLimit", section: "limits", resource: "cpu" },
  { key: "memoryRequestMb", section: "requests", resource: "memory" },
  { key: "memoryLimitMb", section: "limits", resource: "memory" },
];

/**
 * One app container: its quantities as written. Several: their sum (the pod's, which is what the
 * scheduler and the node see), as vCPU and MiB; a quantity only some containers set is left out.
 */
function readResources(manifest: Manifest, apps: Array<{ container: Record<string, unknown>; path: Array<string | number> }>): Pick<Workload, "resources" | "resourcesFrom"> {
  const resources: Resources = {};
  for (const field of FIELDS) {
    const values = apps.map(({ container, path }) => {
      const section = isObject(container.resources) ? container.resources[field.section] : undefined;
      const value = isObject(section) ? section[field.resource] : undefined;
      if (value === undefined || value === null) return undefined;
      const parsed = parseQuantity(value);
      if (parsed === undefined || parsed < 0) fail(manifest, [...path, "resources", field.section, field.resource], `must be a Kubernetes quantity, got ${JSON.stringify(value)}`);
      if (field.resource === "memory" && typeof value === "string" && isSubByteQuantity(value)) {
        fail(manifest, [...path, "resources", field.section, field.resource], `is ${JSON.stringify(value)}, thousandths of a byte (its suffix is milli, micro or nano), which Kubernetes accepts only with a warning; mebibytes are Mi`);
      }
      // A zero limit sets no CFS quota or memory limit on the node (the kubelet leaves 0 unset): no limit.
      if (field.section === "limits" && parsed === 0) return undefined;
      return { raw: value as string | number, parsed };
    });
    if (values.some((value) => value === undefined) || values.length === 0) continue;
    // A bare number is bytes to Kubernetes but MB to a scenario.
    if (values.length === 1) resources[field.key] = field.resource === "memory" && typeof values[0]!.raw === "number" ? Number((values[0]!.parsed / 2 ** 20).toPrecision(6)) : values[0]!.raw;
    else {
      const total = values.reduce((sum, value) => sum + value!.parsed, 0);
      resources[field.key] = field.resource === "cpu" ? Number(total.toPrecision(6)) : Number((total / 2 ** 20).toPrecision(6));
    }
  }
  if (Object.keys(resources).length === 0) return {};
  const names = apps.map(({ container }) => String(container.name));
  return { resources, resourcesFrom: names.length === 1 ? `container ${names[0]}` : `containers ${names.join(" + ")} summed` };
}
