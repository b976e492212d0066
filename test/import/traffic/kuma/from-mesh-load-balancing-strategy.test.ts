// Tests for from-mesh-load-balancing-strategy.ts, through importTrafficConfig: Kuma's locality
// awareness as localityLoadBalancing, its load balancer, and the fields it refuses.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";
import { createScratch, fixture, SERVICES } from "../_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

/** A MeshLoadBalancingStrategy named lb whose one spec.to entry targets httpbin with `conf` (YAML under default:). */
function strategyWith(conf: string, targetRef = "{ kind: MeshService, name: httpbin }", callers = ""): string {
  return scratch.write(
    "lb.yaml",
    `apiVersion: kuma.io/v1alpha1\nkind: MeshLoadBalancingStrategy\nmetadata:\n  name: lb\nspec:\n${callers}  to:\n    - targetRef: ${targetRef}\n      default:\n${conf}`,
  );
}

describe("fromMeshLoadBalancingStrategy", () => {
  it("reads Kuma's affinity example: zone affinity as localityLoadBalancing, the node tag and cross-zone order ignored", () => {
    const file = fixture("kuma-load-balancing-strategy.yaml");
    const [httpbin, details] = importTrafficConfig([file], SERVICES).rules;
    expect(httpbin).toMatchObject({ host: "httpbin", routes: [{ backends: [{ service: "httpbin" }] }], loadBalancer: "least-request", localityLoadBalancing: true });
    expect(httpbin.source).toBe(`${file}: MeshLoadBalancingStrategy local-zone-affinity-cross-backend`);
    expect(httpbin.ignored).toEqual([
      "metadata.labels",
      expect.stringMatching(/^spec\.to\[0\]\.default\.localityAwareness\.crossZone\.failover \(failover order between Kuma zones/),
      expect.stringMatching(/^spec\.to\[0\]\.default\.localityAwareness\.localZone\.affinityTags\[0\] \(affinity on kubernetes\.io\/hostname: the simulation prefers no node/),
    ]);
    // Weights 9000 (node) and 9 (zone) against 1 for the rest of the cluster: (9000 + 9) / 9010.
    expect(httpbin.note).toBe(
      "Kuma sends 99.99% of the calls to httpbin to the caller's availability zone (affinity weight 9009 against 1 for the other zones of the cluster) while it is healthy; the simulation sends all of them (Envoy priority levels)",
    );
    expect(details).toMatchObject({ host: "details", localityLoadBalancing: false });
    expect(details.note).toMatch(/^locality awareness for details is off \(localityAwareness\.disabled\)/);
  });

  it.each([
    ["one zone tag: weight 9 against 1", "          localZone:\n            affinityTags: [{ key: topology.kubernetes.io/zone }]\n", "90%"],
    ["node then zone, default weights 90 and 9", "          localZone:\n            affinityTags: [{ key: kubernetes.io/hostname }, { key: topology.kubernetes.io/zone }]\n", "99%"],
    ["zone weight 3", "          localZone:\n            affinityTags: [{ key: topology.kubernetes.io/zone, weight: 3 }]\n", "75%"],
  ])("gives the share Kuma keeps in the caller's zone: %s", (_what, awareness, share) => {
    const [rule] = importTrafficConfig([strategyWith(`        localityAwareness:\n${awareness}          crossZone: { failover: [{ to: { type: Any } }] }\n`)], SERVICES).rules;
    expect(rule.localityLoadBalancing).toBe(true);
    expect(rule.note).toContain(`Kuma sends ${share} of the calls to httpbin to the caller's availability zone`);
  });

  it("notes that localZone without crossZone sends no call to other Kuma zones", () => {
    const [rule] = importTrafficConfig([strategyWith("        localityAwareness:\n          localZone: { affinityTags: [{ key: topology.kubernetes.io/zone }] }\n")], SERVICES).rules;
    expect(rule.note).toMatch(/^localityAwareness for httpbin sets localZone without crossZone, so Kuma sends no call to other Kuma zones \(clusters\)/);
  });

  it("sets no rule when locality awareness prefers no availability zone, saying why", () => {
    const imported = importTrafficConfig([strategyWith("        localityAwareness: { disabled: false }\n")], SERVICES);
    expect(imported.rules).toEqual([]);
    expect(imported.skipped).toEqual([expect.stringMatching(/MeshLoadBalancingStrategy lb \(localityAwareness for httpbin keeps calls in the caller's Kuma zone \(cluster\)/)]);
  });

  it.each([
    ["RoundRobin", "round-robin"],
    ["Random", "random"],
  ])("takes loadBalancer type %s as %s", (type, balancer) => {
    const [rule] = importTrafficConfig([strategyWith(`        loadBalancer: { type: ${type} }\n`)], SERVICES).rules;
    expect(rule.loadBalancer).toBe(balancer);
    expect(rule.localityLoadBalancing).toBeUndefined();
  });

  it("names the service by the kuma.io/display-name label", () => {
    const [rule] = importTrafficConfig([strategyWith("        loadBalancer: { type: Random }\n", "{ kind: MeshService, labels: { kuma.io/display-name: details } }")], SERVICES).rules;
    expect(rule.host).toBe("details");
  });

  it.each([
    ["a consistent-hash balancer", "        loadBalancer: { type: RingHash }\n", undefined, undefined, "spec.to[0].default.loadBalancer.type (line 9) is RingHash: it pins calls to replicas by a hash, which no load balancer of the simulation does"],
    ["an unknown balancer", "        loadBalancer: { type: Fastest }\n", undefined, undefined, "spec.to[0].default.loadBalancer.type (line 9) is Fastest; Kuma's are RoundRobin, LeastRequest, Random, RingHash, Maglev"],
    ["an external destination", "        loadBalancer: { type: Random }\n", "{ kind: MeshExternalService, name: httpbin-org }", undefined, "spec.to[0].targetRef.kind (line 7) is MeshExternalService: it is no service of the scenario; traffic import reads Mesh, MeshService and MeshMultiZoneService"],
    ["some callers only", "        loadBalancer: { type: Random }\n", undefined, "  targetRef: { kind: MeshSubset, tags: { version: v1 } }\n", "spec.targetRef.kind (line 6) is MeshSubset: the policy applies to some callers only, while a traffic rule applies to every caller (traffic import reads targetRef kind Mesh)"],
    ["an unknown field", "        localityAwareness: { disabled: true, nearest: true }\n", undefined, undefined, "spec.to[0].default.localityAwareness.nearest (line 9) is not a MeshLoadBalancingStrategy field traffic import knows; its effect on traffic is unknown, so the file is refused"],
    ["a service the scenario lacks", "        loadBalancer: { type: Random }\n", "{ kind: MeshService, name: payments }", undefined, "spec.to[0].targetRef.name (line 7) names payments, which is neither a service of the scenario nor the labels.app of one"],
  ])("refuses %s", (_what, conf, targetRef, callers, problem) => {
    const path = strategyWith(conf, targetRef, callers);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: MeshLoadBalancingStrategy lb ${problem}`);
  });

  it("gives every service of the scenario the policy of a Mesh destination, a MeshService's own fields replacing it", () => {
    const everyService = strategyWith("        loadBalancer: { type: LeastRequest }\n", "{ kind: Mesh }");
    const own = scratch.write("own.yaml", "apiVersion: kuma.io/v1alpha1\nkind: MeshLoadBalancingStrategy\nmetadata: { name: own }\nspec:\n  to: [{ targetRef: { kind: MeshService, name: details }, default: { loadBalancer: { type: Random } } }]\n");
    const rules = importTrafficConfig([everyService, own], SERVICES).rules;
    expect(rules.map((rule) => rule.host)).toEqual(SERVICES.map((service) => service.name));
    expect(rules.filter((rule) => rule.host !== "details").every((rule) => rule.loadBalancer === "least-request")).toBe(true);
    const details = rules.find((rule) => rule.host === "details")!;
    expect(details).toMatchObject({ loadBalancer: "random", source: `${everyService}: MeshLoadBalancingStrategy lb + ${own}: MeshLoadBalancingStrategy own` });
  });

  it("refuses a second policy for one service, naming both", () => {
    const first = scratch.write("first.yaml", "apiVersion: kuma.io/v1alpha1\nkind: MeshLoadBalancingStrategy\nmetadata: { name: a }\nspec:\n  to: [{ targetRef: { kind: MeshService, name: httpbin }, default: { loadBalancer: { type: Random } } }]\n");
    const second = strategyWith("        loadBalancer: { type: RoundRobin }\n");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([first, second], SERVICES)).message).toBe(
      `${second}: MeshLoadBalancingStrategy lb spec.to[0].targetRef.name (line 7) configures calls to httpbin as MeshLoadBalancingStrategy a (${first}) does, both naming the service; Kuma then orders them by name, which traffic import does not follow: merge them into one`,
    );
  });
});
