// `meshsim run --traffic-config`: manifests imported on the command line, their effect in the
// results, and what the import skipped printed as notes.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_OK } from "../../../src/cli/index.js";
import { meshsim } from "./_meshsim.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-traffic-config-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const scenario = join(folder, "shop.yaml");
writeFileSync(
  scenario,
  `name: shop
services:
  - { name: web, concurrency: 16, serviceTime: { type: exponential, meanMs: 1 } }
  - { name: cart, labels: { app: cart, version: v1 }, concurrency: 16, serviceTime: { type: exponential, meanMs: 1 } }
  - { name: cart-v2, labels: { app: cart, version: v2 }, concurrency: 16, serviceTime: { type: exponential, meanMs: 1 } }
requestTypes:
  - { name: buy, entry: web, calls: [{ call: cart }] }
load: { type: open, ratePerSec: 200, durationS: 2, warmupS: 1, client: { meshed: true } }
`,
);
const split = join(folder, "split.yaml");
writeFileSync(
  split,
  `apiVersion: split.smi-spec.io/v1alpha2
kind: TrafficSplit
metadata: { name: cart-canary }
spec:
  service: cart
  backends:
    - { service: cart, weight: 75 }
    - { service: cart-v2, weight: 25 }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: cart-v2 }
`,
);

describe("meshsim run --traffic-config", () => {
  it("applies an SMI TrafficSplit under a mesh that supports splits, and notes the skipped Deployment", async () => {
    const json = join(folder, "out.json");
    const { exitCode, stderr } = await meshsim("run", scenario, "--traffic-config", split, "--mesh", "linkerd2", "--replications", "1", "--workers", "1", "--json", json);
    expect(exitCode).toBe(EXIT_OK);
    expect(stderr).toContain(`note: ${split}: Deployment cart-v2: not a traffic resource, skipped`);
    const document = JSON.parse(readFileSync(json, "utf8"));
    const host = document.runs[0].traffic.hosts[0];
    expect(host.host).toBe("cart");
    expect(host.byBackend["cart-v2"].share).toBeGreaterThan(0.18);
    expect(host.byBackend["cart-v2"].share).toBeLessThan(0.32);
    expect(document.scenario.imports[0].file).toBe(split);
  });

  it("notes a Consul resolver whose failover the mesh's multi-cluster mode already does, and refuses Kuma's zone affinity under a mesh without locality balancing", async () => {
    const resolver = join(folder, "resolver.yaml");
    writeFileSync(resolver, "apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceResolver\nmetadata: { name: cart }\nspec:\n  failover: { '*': { datacenters: [dc2] } }\n");
    const consul = await meshsim("run", scenario, "--traffic-config", resolver, "--mesh", "consul", "--replications", "1", "--workers", "1", "--json", join(folder, "consul.json"));
    expect(consul.exitCode).toBe(EXIT_OK);
    expect(consul.stderr).toContain(`note: ${resolver}: ServiceResolver cart (failover of cart to datacenter dc2 is the consul multi-cluster modes' own:`);
    expect(consul.stderr).toMatch(/not in the listed order\)\): skipped\n/);
    const strategy = join(folder, "kuma.yaml");
    writeFileSync(
      strategy,
      "apiVersion: kuma.io/v1alpha1\nkind: MeshLoadBalancingStrategy\nmetadata: { name: zone }\nspec:\n  to:\n    - targetRef: { kind: MeshService, name: cart }\n      default: { localityAwareness: { localZone: { affinityTags: [{ key: topology.kubernetes.io/zone }] } } }\n",
    );
    const linkerd = await meshsim("run", scenario, "--traffic-config", strategy, "--mesh", "linkerd2", "--replications", "1", "--workers", "1");
    expect(linkerd.exitCode).toBe(EXIT_BAD_INPUT);
    expect(linkerd.stderr).toMatch(/linkerd2.*locality-aware load balancing.*MeshLoadBalancingStrategy zone.*meshes that can: .*kuma/);
  });

  it("refuses a scenario whose own trafficConfig names a file outside its folder, exit 2, unless --allow-outside-files", async () => {
    const inner = mkdtempSync(join(folder, "pr-"));
    const named = join(inner, "shop.yaml");
    writeFileSync(named, `${readFileSync(scenario, "utf8")}trafficConfig: [../split.yaml]\n`);
    const refused = await meshsim("run", named, "--mesh", "linkerd2", "--replications", "1", "--workers", "1", "--duration", "1s");
    expect(refused.exitCode).toBe(EXIT_BAD_INPUT);
    expect(refused.stderr).toBe(`meshsim: ${named}: trafficConfig[0] names "../split.yaml", outside the scenario's folder; only --allow-outside-files lets a scenario read files there\n`);
    const allowed = await meshsim("run", named, "--mesh", "linkerd2", "--replications", "1", "--workers", "1", "--duration", "1s", "--allow-outside-files", "--quiet");
    expect(allowed.exitCode).toBe(EXIT_OK);
  });

  it("run --help names every mesh's traffic resources that --traffic-config reads, not only Istio's and SMI's", async () => {
    const { stdout } = await meshsim("run", "--help");
    const help = stdout.replace(/\s+/g, " ");
    for (const kind of ["HTTPRoute", "TrafficSplit", "VirtualService", "DestinationRule", "ServiceProfile", "MeshHTTPRoute", "ServiceRouter"]) expect(help).toContain(kind);
  });

  it("a missing manifest is one line naming the file, exit 2", async () => {
    const { exitCode, stderr } = await meshsim("run", scenario, "--traffic-config", join(folder, "nope.yaml"), "--mesh", "linkerd2");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("nope.yaml");
  });
});
