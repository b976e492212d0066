// `meshsim import traces|manifests`: a commented scenario that loads and runs as written, the same
// bytes every time, and bad input as one line with exit code 2.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EXIT_BAD_INPUT, EXIT_OK, runCli } from "../../../src/cli/index.js";
import { loadScenario } from "../../../src/import/index.js";
import { runScenario } from "../../../src/runner/index.js";
import { generateTraces, toJaeger, toZipkin } from "../../import/traces/_trace-generator.js";
import { meshsim } from "./_meshsim.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-import-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const EXAMPLE = join(import.meta.dirname, "../../../examples/import");

describe("meshsim import", () => {
  const output = join(folder, "shop.yaml");

  it("writes one scenario from traces and manifests together", async () => {
    const outcome = await meshsim("import", "traces", join(EXAMPLE, "traces.jsonl"), "--manifests", join(EXAMPLE, "k8s"), "-o", output);
    expect(outcome.exitCode).toBe(EXIT_OK);
    expect(outcome.stderr).toMatch(/wrote .*shop.yaml: 7 services, 2 request types/);
    const text = readFileSync(output, "utf8");
    const document = parse(text);
    expect(document.name).toBe("shop");
    const frontend = document.services.find((service: { name: string }) => service.name === "frontend");
    // The traces give the call graph and times; the manifests the shape.
    expect(frontend).toMatchObject({ replicas: 2, resources: { cpuRequest: "250m" }, labels: { app: "frontend", version: "v1" } });
    // Its HorizontalPodAutoscaler on 70% CPU, the starting count from spec.replicas.
    expect(frontend.autoscaling).toEqual({ minReplicas: 2, maxReplicas: 6, targetCpuUtilization: 70 });
    expect(frontend.serviceTime.type).toBe("empirical");
    expect(document.services.find((service: { name: string }) => service.name === "redis").meshed).toBe(false);
    expect(document.mesh.ids).toEqual(["none", "istio"]);
    expect(document.mesh.overrides.istio.dataPlane.proxy).toEqual({ workers: 2, resources: { cpuRequest: "200m", memoryRequestMb: "128Mi" } });
    expect(document.cluster).toMatchObject({ nodes: 3, vcpuPerNode: 4 });
    // What the format cannot hold is listed at the top; numbers say where they came from.
    expect(text).toMatch(/^# Not imported \(the scenario format cannot hold it\):\n#   - sidecar\.istio\.io\/proxyCPU differs/m);
    expect(text).toMatch(/# from .*HorizontalPodAutoscaler frontend: spec\.metrics\[0\] cpu Utilization 70%; replicas is the starting count/);
    expect(text).toMatch(/replicas: 2 # from .*Deployment frontend spec\.replicas/);
    expect(text).toMatch(/# from 60 spans \(own time: its spans minus the time waiting on its calls\): mean/);
    expect(text).toMatch(/ratePerSec: [\d.]+ # from 60 traces starting over [\d.]+ s/);
  });

  it("writes the same bytes from the same input", async () => {
    const again = join(folder, "again", "shop.yaml");
    await meshsim("import", "manifests", join(EXAMPLE, "k8s"), "--traces", join(EXAMPLE, "traces.jsonl"), "-o", again, "--quiet");
    const first = readFileSync(output, "utf8").split("\n").slice(1).join("\n");
    const second = readFileSync(again, "utf8").split("\n").slice(1).join("\n");
    // Only the header's command line differs (manifests first); the scenario is the same.
    expect(second).toBe(first);
  });

  it("writes a scenario that loads and runs under the baseline and a mesh with no failed requests", async () => {
    const scenario = loadScenario(output);
    const results = await runScenario(
      { scenario, meshes: ["none", "istio"], mtls: "permissive", rates: [scenario.load.ratePerSec], durationS: 3, warmupS: 0.5, replications: 1, seed: 1 },
      { workers: 1 },
    );
    for (const run of results.runs) {
      expect(run.requests.completed).toBeGreaterThan(50);
      expect(run.requests.failed).toBe(0);
    }
  });

  it("writes autoscalers, zone preferences and the nodes' zones from the fixture, and the scenario runs", async () => {
    const fixture = join(import.meta.dirname, "../../fixtures/manifests/autoscaled-zones.yaml");
    const path = join(folder, "autoscaled-zones.yaml");
    const outcome = await meshsim("import", "manifests", fixture, "-o", path, "--quiet");
    expect(outcome.exitCode).toBe(EXIT_OK);
    const scenario = loadScenario(path);
    const [api, worker] = scenario.topology.services;
    expect(api.autoscaling).toMatchObject({ minReplicas: 2, maxReplicas: 12, targetCpuUtilization: 65, initialReplicas: 3 });
    expect(api.preferSameZone).toBe(true);
    expect(worker.topologyAuto).toBe(true);
    expect(scenario.topology.cluster.zones?.names).toEqual(["eu-west-1a", "eu-west-1b"]);
    expect(readFileSync(path, "utf8")).toMatch(/HorizontalPodAutoscaler api: metric Pods http_requests_per_second AverageValue 100.*not followed/);
    const results = await runScenario({ scenario, meshes: ["none"], rates: [200], durationS: 20, warmupS: 0, intervalS: 1, replications: 1, seed: 1 }, { workers: 1 });
    expect(results.runs[0].requests.failed).toBe(0);
    expect(results.runs[0].timeline!.at(-1)!.replicas!.api).toBeGreaterThanOrEqual(2);
    expect(results.runs[0].zoneTraffic!.zones).toEqual(["eu-west-1a", "eu-west-1b"]);
  });

  it("writes a global Service's Cilium affinity as clusterAffinity, commented, and the scenario loads", async () => {
    const manifests = join(folder, "cilium.yaml");
    writeFileSync(
      manifests,
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: web, image: example/web }] }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: web, annotations: { service.cilium.io/global: 'true', service.cilium.io/affinity: local } }\nspec: { type: LoadBalancer, selector: { app: web } }\n",
    );
    const path = join(folder, "cilium-scenario.yaml");
    expect((await meshsim("import", "manifests", manifests, "-o", path, "--quiet")).exitCode).toBe(EXIT_OK);
    expect(readFileSync(path, "utf8")).toMatch(/clusterAffinity: local # from .*Service web annotation service\.cilium\.io\/affinity: local; read by cilium only/);
    expect(loadScenario(path).topology.services[0].clusterAffinity).toBe("local");
  });

  it("writes Istio's authorization policies and mesh-wide mTLS from the bookinfo fixture, and the scenario runs under istio", async () => {
    const fixture = join(import.meta.dirname, "../../fixtures/manifests/bookinfo-authz.yaml");
    const path = join(folder, "bookinfo-authz.yaml");
    const outcome = await meshsim("import", "manifests", fixture, "-o", path);
    expect(outcome.exitCode).toBe(EXIT_OK);
    expect(outcome.stderr).toMatch(/note: productpage-v1: .*AuthorizationPolicy get-productpage lets every caller in, so it gets no policy/);
    const text = readFileSync(path, "utf8");
    const document = parse(text);
    expect(document.mesh.mtls).toBe("strict");
    expect(document.policies).toEqual([
      { to: "details-v1", allowFrom: ["productpage-v1"], l7: true },
      { to: "reviews-v1", allowFrom: ["productpage-v1"], l7: true },
      { to: "ratings-v1", allowFrom: ["reviews-v1"], l7: true },
    ]);
    expect(text).toMatch(/mtls: strict # from .*PeerAuthentication default \(mesh-wide, mtls\.mode STRICT\); --mtls overrides/);
    // Strict mTLS refuses plaintext from outside the mesh: the load comes from a meshed client.
    expect(document.load.client).toEqual({ meshed: true });
    expect(text).toMatch(/# from .*AuthorizationPolicy allow-nothing, .*AuthorizationPolicy get-details\n\s+- to: details-v1/);
    const scenario = loadScenario(path);
    expect(scenario.topology.allowFrom).toEqual({ "details-v1": ["productpage-v1"], "reviews-v1": ["productpage-v1"], "ratings-v1": ["reviews-v1"] });
    expect(scenario.mesh.mtls).toBe("strict");
    // As meshsim run does: the scenario's mode unless --mtls says otherwise.
    const results = await runScenario({ scenario, meshes: ["istio"], mtls: scenario.mesh.mtls, rates: [20], durationS: 2, warmupS: 0.5, replications: 1, seed: 1 }, { workers: 1 });
    expect(results.runs[0].mtls).toBe("strict");
    expect(results.runs[0].requests.completed).toBeGreaterThan(20);
    expect(results.runs[0].requests.failed).toBe(0);
  });

  it("refuses a malformed policy field with one line naming file, object and field", async () => {
    const manifests = join(folder, "bad-policy.yaml");
    writeFileSync(
      manifests,
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: web, image: example/web }] }\n---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: { name: p }\nspec:\n  rules:\n    - from: [{ source: { principals: cluster.local/ns/default/sa/web } }]\n",
    );
    const outcome = await meshsim("import", "manifests", manifests, "-o", join(folder, "never-written.yaml"));
    expect(outcome.exitCode).toBe(EXIT_BAD_INPUT);
    expect(outcome.stderr).toBe(`meshsim: ${manifests}: AuthorizationPolicy p spec.rules[0].from[0].source.principals (line 15) must be a list of strings, not "cluster.local/ns/default/sa/web"\n`);
    expect(() => readFileSync(join(folder, "never-written.yaml"))).toThrow();
  });

  it("writes a scenario from manifests alone, each exposed service entered directly", async () => {
    const outcome = await meshsim("import", "manifests", join(EXAMPLE, "k8s"));
    expect(outcome.exitCode).toBe(EXIT_OK);
    const document = parse(outcome.stdout);
    expect(document.requestTypes).toEqual([{ name: "frontend-direct", weight: 1, entry: "frontend" }]);
    expect(outcome.stdout).toMatch(/the call graph: manifests say who is deployed, not who calls whom/);
    const path = join(folder, "manifests-only.yaml");
    writeFileSync(path, outcome.stdout);
    expect(loadScenario(path).topology.services).toHaveLength(6);
  });

  it("reads manifests from standard input", async () => {
    let stdout = "";
    const exitCode = await runCli(["node", "meshsim", "import", "manifests", "-", "--quiet"], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      stderrIsTty: false,
      now: () => 0,
      readStdin: async () => readFileSync(join(EXAMPLE, "k8s", "shop.yaml"), "utf8"),
    });
    expect(exitCode).toBe(EXIT_OK);
    expect(parse(stdout).services.map((service: { name: string }) => service.name)).toContain("cart");
  });

  it("reads traces from standard input (-), and refuses - for the traces and the manifests at once", async () => {
    let stdout = "";
    let stderr = "";
    const io = {
      stdout: (text: string) => (stdout += text),
      stderr: (text: string) => (stderr += text),
      stderrIsTty: false,
      now: () => 0,
      readStdin: async () => readFileSync(join(EXAMPLE, "traces.jsonl"), "utf8"),
    };
    expect(await runCli(["node", "meshsim", "import", "traces", "-", "--quiet"], io)).toBe(EXIT_OK);
    expect(parse(stdout).services.map((service: { name: string }) => service.name)).toContain("cart");
    expect(stdout).toContain("(standard input)");
    stderr = "";
    expect(await runCli(["node", "meshsim", "import", "traces", "-", "--manifests", "-", "--quiet"], io)).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe("meshsim: -: standard input can give the traces or the manifests, not both: write one of them to a file\n");
  });

  it("folds a call back into a service on the path (a cycle) and still writes a valid scenario", async () => {
    const spans = generateTraces({ ownMs: { web: 1, api: 2 }, ratePerSec: 20, requestTypes: [{ entry: "web", operation: "GET /", weight: 1, calls: [{ service: "api", calls: [{ service: "web", operation: "GET /callback" }] }] }] }, 60);
    const traces = join(folder, "cycle.json");
    writeFileSync(traces, JSON.stringify(toZipkin(spans)));
    const outcome = await meshsim("import", "traces", traces, "-o", join(folder, "cycle.yaml"));
    expect(outcome.exitCode).toBe(EXIT_OK);
    expect(outcome.stderr).toMatch(/note: 60 calls back into a service already on the call path \(a cycle, which a scenario cannot hold\) folded into the caller's own time/);
    expect(loadScenario(join(folder, "cycle.yaml")).topology.services.map((service) => service.name)).toEqual(["web", "api"]);
  });

  it("writes a one-service scenario from traces of one service", async () => {
    const spans = generateTraces({ ownMs: { solo: 1 }, ratePerSec: 20, requestTypes: [{ entry: "solo", operation: "GET /", weight: 1, calls: [] }] }, 30);
    const traces = join(folder, "solo.json");
    writeFileSync(traces, JSON.stringify(toJaeger(spans)));
    const outcome = await meshsim("import", "traces", traces, "-o", join(folder, "solo.yaml"));
    expect(outcome.exitCode).toBe(EXIT_OK);
    expect(outcome.stderr).toContain("note: the traces name one service (solo): there are no calls to infer");
    expect(loadScenario(join(folder, "solo.yaml")).topology.requestTypes).toHaveLength(1);
  });

  it.each([
    [["traces", "missing.json"], /^meshsim: missing.json: no such file\n$/],
    [["traces", join(EXAMPLE, "traces.jsonl"), "--format", "xml"], /^meshsim: --format must be one of otlp, jaeger, zipkin, got "xml"\n$/],
    [["traces", join(EXAMPLE, "traces.jsonl"), "--format", "zipkin"], /traces.jsonl: is OTLP JSON, not Zipkin v2 JSON \(--format zipkin\)\n$/],
    [["traces", join(EXAMPLE, "traces.jsonl"), "--sampling", "2"], /^meshsim: --sampling must be a ratio above 0 and at most 1, got "2"\n$/],
    [["traces", join(EXAMPLE, "k8s", "shop.yaml")], /shop.yaml: is not JSON: trace files are OTLP JSON, Jaeger JSON or Zipkin v2 JSON/],
    [["manifests", join(EXAMPLE, "traces.jsonl")], /traces.jsonl: holds traces, not Kubernetes objects \(give it to meshsim import traces, or with --traces\)\n$/],
    [["manifests", join(EXAMPLE, "k8s"), "--sampling", "0.1"], /^meshsim: --sampling applies to trace files; give them with --traces\n$/],
  ])("refuses bad input %j with one line and exit code 2", async (args, message) => {
    const outcome = await meshsim("import", ...args);
    expect(outcome.exitCode).toBe(EXIT_BAD_INPUT);
    expect(outcome.stderr).toMatch(message);
    expect(outcome.stderr.trim().split("\n")).toHaveLength(1);
  });
});
