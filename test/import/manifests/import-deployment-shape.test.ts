// importDeploymentShape reads replicas, resources, protocols, node placement, mesh enrolment and
// proxy annotations from manifests, and lists what a scenario cannot hold.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importDeploymentShape } from "../../../src/import/manifests/index.js";
import { parseManifests } from "../../../src/import/traffic/index.js";
import { ScenarioError } from "../../../src/scenario/index.js";

/** A small shop with autoscalers, zone-preferring Services and nodes in two zones. */
const FIXTURE = fileURLToPath(new URL("../../fixtures/manifests/autoscaled-zones.yaml", import.meta.url));

function shapeOf(yaml: string) {
  return importDeploymentShape(parseManifests("k8s.yaml", yaml), ["k8s.yaml"]);
}

function deployment(name: string, extra: { replicas?: number; labels?: string; annotations?: string; spec?: string; containers?: string; namespace?: string } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${extra.namespace ?? "shop"} }
spec:
  ${extra.replicas !== undefined ? `replicas: ${extra.replicas}` : ""}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: { app: ${name}${extra.labels ? `, ${extra.labels}` : ""} }
      annotations: { ${extra.annotations ?? ""} }
    spec:
      ${extra.spec ?? ""}
      containers:
${extra.containers ?? `        - name: ${name}\n          image: example/${name}\n          resources: { requests: { cpu: 250m, memory: 128Mi }, limits: { cpu: "1", memory: 256Mi } }`}
---
`;
}

describe("importDeploymentShape", () => {
  it("reads replicas and the app container's requests and limits, leaving injected proxies out", () => {
    const shape = shapeOf(
      deployment("cart", {
        replicas: 3,
        containers: `        - { name: cart, image: x, resources: { requests: { cpu: 250m, memory: 128Mi } } }\n        - { name: istio-proxy, image: proxy, resources: { requests: { cpu: 100m, memory: 64Mi } } }`,
      }),
    );
    expect(shape.workloads[0]).toMatchObject({ name: "cart", replicas: 3, resources: { cpuRequest: "250m", memoryRequestMb: "128Mi" }, resourcesFrom: "container cart" });
  });

  it("sums the requests of several app containers, in vCPU and MB", () => {
    const shape = shapeOf(
      deployment("web", {
        containers: `        - { name: web, image: x, resources: { requests: { cpu: 250m, memory: 128Mi } } }\n        - { name: log-shipper, image: y, resources: { requests: { cpu: 50m, memory: 64Mi } } }`,
      }),
    );
    expect(shape.workloads[0].resources).toEqual({ cpuRequest: 0.3, memoryRequestMb: 192 });
  });

  it.each([
    ["appProtocol: grpc", "grpc", undefined],
    ["name: http2-web", "http2", "http"],
    ["name: tcp-mysql", "tcp", undefined],
    ["name: mongo", "tcp", "db"],
    ["appProtocol: kubernetes.io/h2c", "http2", "http"],
  ])("reads the protocol of a Service port with %s", (port, protocol, kind) => {
    const shape = shapeOf(`${deployment("api")}apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec: { selector: { app: api }, ports: [{ port: 80, ${port} }] }
`);
    expect(shape.workloads[0].protocol?.protocol).toBe(protocol);
    if (kind) expect(shape.workloads[0].protocol?.kind).toBe(kind);
    expect(shape.workloads[0].aliases).toContain("api");
  });

  it.each([
    ["namespace label istio-injection=enabled", "labels: { istio-injection: enabled }", "", "istio"],
    ["namespace label istio.io/dataplane-mode=ambient", "labels: { istio.io/dataplane-mode: ambient }", "", "istio-ambient"],
    ["namespace annotation linkerd.io/inject=enabled", "annotations: { linkerd.io/inject: enabled }", "", "linkerd2"],
    ["namespace label kuma.io/sidecar-injection=enabled", "labels: { kuma.io/sidecar-injection: enabled }", "", "kuma"],
    ["pod annotation consul.hashicorp.com/connect-inject=true", "", 'consul.hashicorp.com/connect-inject: "true"', "consul"],
    ["OSM: a monitored namespace that enables injection", "labels: { openservicemesh.io/monitored-by: osm }, annotations: { openservicemesh.io/sidecar-injection: enabled }", "", "osm"],
    ["pod opt-out in an injected namespace", "labels: { istio-injection: enabled }", 'sidecar.istio.io/inject: "false"', "none"],
  ])("tells the mesh from %s", (_case, namespace, annotations, mesh) => {
    const shape = shapeOf(`apiVersion: v1
kind: Namespace
metadata: { name: shop, ${namespace} }
---
${deployment("web", { annotations })}`);
    expect(shape.workloads[0].mesh?.id).toBe(mesh);
    expect(shape.meshes).toEqual(mesh === "none" ? [] : [mesh]);
  });

  it("turns proxy annotations into the mesh's overrides, listing disagreements", () => {
    const annotations = 'sidecar.istio.io/proxyCPU: 300m, sidecar.istio.io/proxyMemoryLimit: 1Gi, proxy.istio.io/config: "concurrency: 4"';
    const shape = shapeOf(`apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { istio-injection: enabled } }
---
${deployment("a", { annotations })}${deployment("b", { annotations })}${deployment("c", { annotations: "sidecar.istio.io/proxyCPU: 100m" })}`);
    expect(shape.overrides).toEqual({ istio: { dataPlane: { proxy: { workers: 4, resources: { cpuRequest: "300m", memoryLimitMb: "1Gi" } } } } });
    expect(shape.notImported.some((line) => line.startsWith("sidecar.istio.io/proxyCPU differs between istio workloads (c: 100m)"))).toBe(true);
  });

  it("matches node selectors against Nodes, counts schedulable nodes and reads their size", () => {
    const shape = shapeOf(`${deployment("ml", { spec: "nodeSelector: { gpu: \"true\" }" })}apiVersion: v1
kind: List
items:
  - { apiVersion: v1, kind: Node, metadata: { name: n1, labels: {} }, status: { capacity: { cpu: "8", memory: 32Gi } } }
  - { apiVersion: v1, kind: Node, metadata: { name: n2, labels: { gpu: "true" } }, status: { capacity: { cpu: "8", memory: 32Gi } } }
  - { apiVersion: v1, kind: Node, metadata: { name: cp, labels: {} }, spec: { taints: [{ key: node-role.kubernetes.io/control-plane, effect: NoSchedule }] }, status: { capacity: { cpu: "2", memory: 8Gi } } }
`);
    expect(shape.cluster).toMatchObject({ nodes: 2, vcpuPerNode: 8, memoryGbPerNode: 32 });
    expect(shape.workloads[0].nodes).toEqual([1]);
  });

  it("lists what a scenario cannot hold: affinity, a selector without Nodes; takes an autoscaler without metrics at Kubernetes' 80% CPU", () => {
    const shape = shapeOf(`${deployment("web", { spec: "nodeSelector: { pool: fast }\n      affinity: { podAntiAffinity: {} }" })}apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec: { scaleTargetRef: { kind: Deployment, name: web }, minReplicas: 2, maxReplicas: 8 }
`);
    expect(shape.workloads[0].replicas).toBe(2);
    expect(shape.workloads[0].replicasFrom).toMatch(/minReplicas/);
    expect(shape.workloads[0].autoscaling).toEqual({ minReplicas: 2, maxReplicas: 8, targetCpuUtilization: 80, from: "k8s.yaml: HorizontalPodAutoscaler web: no metrics: Kubernetes' default, 80% CPU utilisation" });
    expect(shape.notImported.join("\n")).toMatch(/affinity \(scheduling rules/);
    expect(shape.notImported.join("\n")).toMatch(/nodeSelector pool=fast \(no Node objects/);
  });

  it("runs a DaemonSet's pod on every node", () => {
    const shape = shapeOf(`${deployment("agent").replace("kind: Deployment", "kind: DaemonSet")}apiVersion: v1
kind: Node
metadata: { name: n1 }
---
apiVersion: v1
kind: Node
metadata: { name: n2 }
`);
    expect(shape.workloads[0]).toMatchObject({ replicas: 2, nodes: [0, 1] });
  });

  it("skips objects of other kinds with a notice, and refuses manifests with no workload or node", () => {
    const shape = shapeOf(`${deployment("web")}apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
`);
    expect(shape.notices).toContain("skipped 1 ConfigMap: not part of the deployment's shape (traffic resources go to meshsim run --traffic-config)");
    expect(() => shapeOf("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n")).toThrow(new ScenarioError("k8s.yaml", "", "hold no Deployment, StatefulSet, DaemonSet or Node: nothing to import"));
  });

  it("names the object, field and line of a malformed value", () => {
    expect(() => shapeOf(deployment("web", { replicas: -1 }))).toThrow("k8s.yaml: Deployment web spec.replicas (line 5) must be a whole number of replicas, got -1");
  });
});

describe("importDeploymentShape: autoscalers", () => {
  const hpa = (name: string, spec: string, apiVersion = "autoscaling/v2") =>
    `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata: { name: ${name}, namespace: shop }\nspec:\n  scaleTargetRef: { kind: Deployment, name: ${name} }\n${spec}---\n`;

  it("imports the fixture's v2 autoscaler's CPU target, naming the custom metric and behavior it does not follow", () => {
    const shape = importDeploymentShape(parseManifests(FIXTURE, readFileSync(FIXTURE, "utf8")), [FIXTURE]);
    const api = shape.workloads.find((workload) => workload.name === "api")!;
    expect(api.replicas).toBe(3);
    expect(api.autoscaling).toMatchObject({ minReplicas: 2, maxReplicas: 12, targetCpuUtilization: 65 });
    expect(api.autoscaling!.from).toMatch(/HorizontalPodAutoscaler api: spec\.metrics\[0\] cpu Utilization 65%$/);
    expect(shape.notImported).toContainEqual(expect.stringMatching(/HorizontalPodAutoscaler api: metric Pods http_requests_per_second AverageValue 100; spec\.behavior .*: not followed/));
    // autoscaling/v1: targetCPUUtilizationPercentage; no spec.replicas, so minReplicas to start.
    const worker = shape.workloads.find((workload) => workload.name === "worker")!;
    expect(worker.autoscaling).toMatchObject({ minReplicas: 1, maxReplicas: 4, targetCpuUtilization: 50 });
    expect(worker.replicas).toBe(1);
  });

  it.each([
    ["a memory metric only", "  maxReplicas: 5\n  metrics: [{ type: Resource, resource: { name: memory, target: { type: Utilization, averageUtilization: 70 } } }]\n", /it scales on metric memory Utilization 70% only/],
    ["a CPU AverageValue target", "  maxReplicas: 5\n  metrics: [{ type: Resource, resource: { name: cpu, target: { type: AverageValue, averageValue: 500m } } }]\n", /it scales on metric cpu AverageValue 500m only/],
  ])("does not import an autoscaler on %s, and says why", (_what, spec, why) => {
    const shape = shapeOf(`${deployment("web", { replicas: 2 })}${hpa("web", spec)}`);
    expect(shape.workloads[0].autoscaling).toBeUndefined();
    expect(shape.notImported).toContainEqual(expect.stringMatching(why));
    expect(shape.notImported.join("\n")).toMatch(/not imported .*so web keeps 2 replicas/);
  });

  it("does not import an autoscaler whose pods request no CPU: the HorizontalPodAutoscaler measures against requests", () => {
    const shape = shapeOf(`${deployment("web", { containers: "        - { name: web, image: x }" })}${hpa("web", "  maxReplicas: 5\n")}`);
    expect(shape.workloads[0].autoscaling).toBeUndefined();
    expect(shape.notImported).toContainEqual(expect.stringMatching(/the pods request no CPU/));
  });

  it("brings spec.replicas within minReplicas and maxReplicas, as the controller would", () => {
    const shape = shapeOf(`${deployment("web", { replicas: 10 })}${hpa("web", "  minReplicas: 2\n  maxReplicas: 6\n", "autoscaling/v1")}`);
    expect(shape.workloads[0].replicas).toBe(6);
    expect(shape.workloads[0].replicasFrom).toMatch(/spec\.replicas 10, brought within HorizontalPodAutoscaler web's 2-6/);
  });

  it("names the field of a malformed maxReplicas", () => {
    expect(() => shapeOf(`${deployment("web")}${hpa("web", "  maxReplicas: many\n")}`)).toThrow(/k8s\.yaml: HorizontalPodAutoscaler web spec\.maxReplicas .*must be a whole number of replicas, at least 1, got "many"/);
  });

  // Regressions: each of these passed the import and then failed its own check of the written
  // scenario, which exits 1 as an internal error ("the imported scenario does not pass validation").
  it("leaves out a Deployment scaled to zero, with its autoscaler, and says so", () => {
    const shape = shapeOf(`${deployment("web", { replicas: 2 })}${deployment("batch", { replicas: 0 })}${hpa("batch", "  maxReplicas: 5\n")}`);
    expect(shape.workloads.map((workload) => workload.name)).toEqual(["web"]);
    expect(shape.notImported).toContainEqual("k8s.yaml: Deployment batch: spec.replicas is 0 (scaled to zero), so it runs nothing and is left out; a traced service of that name keeps the pods its spans name");
    expect(shape.notices).toContainEqual(expect.stringMatching(/HorizontalPodAutoscaler batch scales Deployment batch, which is scaled to zero .*: skipped$/));
  });

  it("refuses manifests whose only workloads are scaled to zero", () => {
    expect(() => shapeOf(deployment("batch", { replicas: 0 }))).toThrow(new ScenarioError("k8s.yaml", "", "hold only workloads scaled to zero (spec.replicas 0): nothing to import"));
  });

  it("refuses a workload of more replicas than a scenario holds, naming its field", () => {
    expect(() => shapeOf(deployment("web", { replicas: 100_000 }))).toThrow(
      "k8s.yaml: Deployment web spec.replicas (line 5) is 100000: a scenario holds at most 20000 pods in all, since the simulated network keeps a station and counters for each",
    );
  });

  it("refuses workloads whose pods together pass what a scenario holds, naming the largest", () => {
    expect(() => shapeOf(`${deployment("web", { replicas: 15_000 })}${deployment("api", { replicas: 15_000 })}`)).toThrow(
      "k8s.yaml: hold 30000 pods in all (k8s.yaml: Deployment web: 15000, k8s.yaml: Deployment api: 15000); a scenario holds at most 20000",
    );
  });

  it("refuses a memory quantity in thousandths of a byte, naming the manifest field", () => {
    expect(() => shapeOf(deployment("web", { containers: "        - { name: web, image: x, resources: { requests: { memory: 128m } } }" }))).toThrow(
      /k8s\.yaml: Deployment web spec\.template\.spec\.containers\[0\]\.resources\.requests\.memory .*is "128m", thousandths of a byte/,
    );
  });

  it("reads a zero limit as no limit, as the kubelet sets no quota for it", () => {
    const shape = shapeOf(deployment("web", { containers: '        - { name: web, image: x, resources: { requests: { cpu: 100m }, limits: { cpu: "0", memory: 0 } } }' }));
    expect(shape.workloads[0].resources).toEqual({ cpuRequest: "100m" });
  });

  it("brings an autoscaler's maxReplicas above what a scenario holds down to it, and says so", () => {
    const shape = shapeOf(`${deployment("web", { replicas: 2 })}${hpa("web", "  maxReplicas: 50000\n")}`);
    expect(shape.workloads[0].autoscaling).toMatchObject({ minReplicas: 1, maxReplicas: 20_000 });
    expect(shape.notImported).toContainEqual(expect.stringMatching(/HorizontalPodAutoscaler web: maxReplicas 50000, more pods than a scenario holds .*: 20000 is used$/));
  });
});

describe("importDeploymentShape: zones", () => {
  it("reads the fixture's nodes into two zones, numbering them zone by zone, and the Services' zone preferences", () => {
    const shape = importDeploymentShape(parseManifests(FIXTURE, readFileSync(FIXTURE, "utf8")), [FIXTURE]);
    expect(shape.cluster).toMatchObject({ nodes: 4, vcpuPerNode: 4, zones: [{ name: "eu-west-1a", nodes: 2 }, { name: "eu-west-1b", nodes: 2 }] });
    const api = shape.workloads.find((workload) => workload.name === "api")!;
    expect(api.trafficDistribution).toEqual({ value: "PreferClose", from: `${FIXTURE}: Service api spec.trafficDistribution` });
    expect(shape.workloads.find((workload) => workload.name === "worker")!.topologyMode).toEqual({ from: `${FIXTURE}: Service worker annotation service.kubernetes.io/topology-mode: Auto` });
  });

  it("matches a node selector against the nodes in their zone order", () => {
    const nodes = readFileSync(FIXTURE, "utf8").slice(readFileSync(FIXTURE, "utf8").indexOf("apiVersion: v1\nkind: List"));
    const shape = shapeOf(`${deployment("fast", { spec: "nodeSelector: { pool: fast }" })}${nodes}`);
    // node-a1, node-a2 (zone a), node-b1, node-b2 (zone b): pool=fast is node-b2, the fourth.
    expect(shape.workloads[0].nodes).toEqual([3]);
  });

  it("imports no zones when some nodes lack the zone label, or all share one zone, and says so", () => {
    const node = (name: string, zone?: string) => `  - { apiVersion: v1, kind: Node, metadata: { name: ${name}, labels: { ${zone ? `topology.kubernetes.io/zone: ${zone}` : ""} } } }\n`;
    const mixed = shapeOf(`${deployment("web")}apiVersion: v1\nkind: List\nitems:\n${node("n1", "a")}${node("n2", "b")}${node("n3")}`);
    expect(mixed.cluster?.zones).toBeUndefined();
    expect(mixed.notImported).toContainEqual(expect.stringMatching(/^zones: n3 carry no topology\.kubernetes\.io\/zone label/));
    const one = shapeOf(`${deployment("web")}apiVersion: v1\nkind: List\nitems:\n${node("n1", "a")}${node("n2", "a")}`);
    expect(one.cluster?.zones).toBeUndefined();
    expect(one.notices).toContain("every node is in zone a: one zone, so the scenario declares none");
  });

  it("lists a trafficDistribution the scenario does not know, and takes the deprecated topology-aware-hints annotation", () => {
    const service = (extra: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop${extra} }\nspec: { selector: { app: web }, trafficDistribution: PreferSameNode }\n`;
    const shape = shapeOf(`${deployment("web")}${service(", annotations: { service.kubernetes.io/topology-aware-hints: auto }")}`);
    expect(shape.workloads[0].trafficDistribution).toBeUndefined();
    expect(shape.notImported).toContainEqual(expect.stringMatching(/spec\.trafficDistribution "PreferSameNode"/));
    expect(shape.workloads[0].topologyMode?.from).toMatch(/topology-aware-hints: auto$/);
  });
});
