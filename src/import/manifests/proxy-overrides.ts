/**
 * Proxy settings given as pod annotations (CPU and memory of the injected proxy, its worker threads)
 * turned into `mesh.overrides` of the mesh the pod is enrolled in. An override holds one value for
 * every proxy of that mesh, so when workloads disagree the value most of them set is kept and the
 * others are listed as not imported.
 */

import type { Workload } from "./read-workload.js";

export interface ProxyOverrides {
  /** Per mesh id, the profile fields to replace: { istio: { dataPlane: { proxy: { resources: {...}, workers } } } }. */
  overrides: Record<string, Record<string, unknown>>;
  /** One line per override: "istio dataPlane.proxy.resources.cpuRequest 200m (sidecar.istio.io/proxyCPU on 3 of 4 workloads)". */
  from: string[];
  notImported: string[];
}

/**
 * @param enrolled - each workload with the mesh it is enrolled in
 * @example proxyOverrides([{ workload, mesh: "istio" }]).overrides // { istio: { dataPlane: { proxy: { resources: { cpuRequest: "200m" } } } } }
 */
export function proxyOverrides(enrolled: ReadonlyArray<{ workload: Workload; mesh: string }>): ProxyOverrides {
  const result: ProxyOverrides = { overrides: {}, from: [], notImported: [] };
  for (const mesh of [...new Set(enrolled.map((entry) => entry.mesh))].sort()) {
    const annotations = ANNOTATIONS[mesh];
    const members = enrolled.filter((entry) => entry.mesh === mesh);
    if (!annotations) continue;
    const proxy: Record<string, unknown> = {};
    const resources: Record<string, unknown> = {};
    for (const annotation of annotations) {
      const values = members
        .map((entry) => ({ name: entry.workload.name, value: annotation.read(entry.workload.podAnnotations) }))
        .filter((entry): entry is { name: string; value: string | number } => entry.value !== undefined);
      if (values.length === 0) continue;
      const counts = new Map<string, number>();
      for (const entry of values) counts.set(String(entry.value), (counts.get(String(entry.value)) ?? 0) + 1);
      const [chosen, votes] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      const value = values.find((entry) => String(entry.value) === chosen)!.value;
      if (annotation.field === "workers") proxy.workers = value;
      else resources[annotation.field] = value;
      result.from.push(`${mesh} dataPlane.proxy.${annotation.field === "workers" ? "workers" : `resources.${annotation.field}`} ${value} (${annotation.key} on ${votes} of ${members.length} enrolled workloads)`);
      const others = values.filter((entry) => String(entry.value) !== chosen);
      if (others.length > 0 || votes < members.length) {
        const differing = others.map((entry) => `${entry.name}: ${entry.value}`).join(", ");
        result.notImported.push(
          `${annotation.key} differs between ${mesh} workloads (${differing || `${members.length - votes} set none`}): an override holds one value for every proxy, ${value} is used`,
        );
      }
    }
    if (Object.keys(resources).length > 0) proxy.resources = resources;
    if (Object.keys(proxy).length > 0) result.overrides[mesh] = { dataPlane: { proxy } };
  }
  return result;
}

/** The pod annotations that set proxy settings, per mesh: each the fields it sets in the profile. */
export const PROXY_ANNOTATION_KEYS = (): string[] => Object.values(ANNOTATIONS).flatMap((list) => list.map((annotation) => annotation.key));

// --- internal ---

interface Annotation {
  key: string;
  field: "cpuRequest" | "cpuLimit" | "memoryRequestMb" | "memoryLimitMb" | "workers";
  read: (annotations: Record<string, string>) => string | number | undefined;
}

function plain(key: string, field: Annotation["field"]): Annotation {
  return { key, field, read: (annotations) => annotations[key] };
}

/** Whole worker threads from a count annotation; 0 or junk means "as many as cores", which no profile field says. */
function workers(key: string, read: (annotations: Record<string, string>) => string | undefined = (annotations) => annotations[key]): Annotation {
  return {
    key,
    field: "workers",
    read: (annotations) => {
      const text = read(annotations);
      const count = text === undefined ? Number.NaN : Number(text);
      return Number.isInteger(count) && count >= 1 ? count : undefined;
    },
  };
}

/** `proxy.istio.io/config` is a ProxyConfig in YAML or JSON; only its `concurrency` is read. */
function istioConcurrency(annotations: Record<string, string>): string | undefined {
  const config = annotations["proxy.istio.io/config"];
  return config === undefined ? undefined : /(?:^|[\s{,"])concurrency"?\s*:\s*(\d+)/.exec(config)?.[1];
}

const ANNOTATIONS: Record<string, Annotation[]> = {
  // https://istio.io/latest/docs/reference/config/annotations/
  istio: [
    plain("sidecar.istio.io/proxyCPU", "cpuRequest"),
    plain("sidecar.istio.io/proxyCPULimit", "cpuLimit"),
    plain("sidecar.istio.io/proxyMemory", "memoryRequestMb"),
    plain("sidecar.istio.io/proxyMemoryLimit", "memoryLimitMb"),
    workers("proxy.istio.io/config", istioConcurrency),
  ],
  // https://linkerd.io/2/reference/proxy-configuration/
  linkerd2: [
    plain("config.linkerd.io/proxy-cpu-request", "cpuRequest"),
    plain("config.linkerd.io/proxy-cpu-limit", "cpuLimit"),
    plain("config.linkerd.io/proxy-memory-request", "memoryRequestMb"),
    plain("config.linkerd.io/proxy-memory-limit", "memoryLimitMb"),
  ],
  // https://developer.hashicorp.com/consul/docs/k8s/annotations-and-labels
  consul: [
    plain("consul.hashicorp.com/sidecar-proxy-cpu-request", "cpuRequest"),
    plain("consul.hashicorp.com/sidecar-proxy-cpu-limit", "cpuLimit"),
    plain("consul.hashicorp.com/sidecar-proxy-memory-request", "memoryRequestMb"),
    plain("consul.hashicorp.com/sidecar-proxy-memory-limit", "memoryLimitMb"),
    workers("consul.hashicorp.com/consul-envoy-proxy-concurrency"),
  ],
};
