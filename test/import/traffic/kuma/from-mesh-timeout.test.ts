// Tests for from-mesh-timeout.ts, through importTrafficConfig: Kuma's request timeout as the route's,
// a whole-mesh timeout under a service's own, inbound timeouts ignored or refused.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";
import { kumaPolicy, toHttpbin } from "./_kuma-policies.js";
import { createScratch, fixture, SERVICES } from "../_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

describe("fromMeshTimeout", () => {
  it("reads the fixture: 2 s for every service, httpbin's own 15 s replacing it", () => {
    const file = fixture("kuma-mesh-timeout.yaml");
    const rules = importTrafficConfig([file], SERVICES).rules;
    expect(rules).toHaveLength(SERVICES.length);
    for (const rule of rules) expect(rule.routes).toEqual([{ backends: [{ service: rule.host }], timeoutMs: rule.host === "httpbin" ? 15_000 : 2000 }]);
    const httpbin = rules.find((rule) => rule.host === "httpbin")!;
    expect(httpbin.ignored).toContain("MeshTimeout web-to-backend: spec.to[0].default.http.streamIdleTimeout (simulated streams are never idle)");
  });

  it("takes the shorter of requestTimeout and maxStreamDuration, with a note", () => {
    const path = kumaPolicy(scratch, "MeshTimeout", toHttpbin("        http: { requestTimeout: 10s, maxStreamDuration: 3s }\n"));
    const [rule] = importTrafficConfig([path], SERVICES).rules;
    expect(rule.routes).toEqual([{ backends: [{ service: "httpbin" }], timeoutMs: 3000, note: "maxStreamDuration 3000 ms taken as a deadline on the whole call" }]);
  });

  it("lets a service's requestTimeout 0 turn the whole mesh's off, saying the profile's default then applies", () => {
    const everyService = kumaPolicy(scratch, "MeshTimeout", toHttpbin("        http: { requestTimeout: 2s }\n", "{ kind: Mesh }"), "all");
    const off = kumaPolicy(scratch, "MeshTimeout", toHttpbin("        http: { requestTimeout: 0s }\n"), "off");
    const imported = importTrafficConfig([everyService, off], SERVICES);
    expect(imported.rules.find((rule) => rule.host === "httpbin")).toBeUndefined();
    expect(imported.rules).toHaveLength(SERVICES.length - 1);
    expect(imported.skipped).toEqual([
      `${everyService}: MeshTimeout all + ${off}: MeshTimeout off (requestTimeout 0 (off): the rule sets no timeout, so the mesh profile's default applies (kuma's 15 s))`,
    ]);
  });

  it("ignores an inbound policy without a request deadline, as Kuma's default inbound timeout is", () => {
    const path = kumaPolicy(scratch, "MeshTimeout", "  targetRef: { kind: Mesh }\n  rules:\n    - default: { connectionTimeout: 10s, idleTimeout: 2h, http: { requestTimeout: 0s, streamIdleTimeout: 1h } }\n");
    const imported = importTrafficConfig([path], SERVICES);
    expect(imported.rules).toEqual([]);
    expect(imported.skipped).toEqual([`${path}: MeshTimeout p (no outbound configuration)`]);
  });

  it.each([
    [
      "an inbound request timeout",
      "  targetRef: { kind: Dataplane, labels: { app: backend } }\n  rules:\n    - default: { http: { requestTimeout: 30s } }\n",
      "spec.rules[0].default.http.requestTimeout (line 8) ends calls at the callee's inbound proxy, which traffic rules (the callers' proxies) do not configure; write the timeout in the scenario's traffic list",
    ],
    ["a malformed duration", toHttpbin("        http: { requestTimeout: soon }\n"), "spec.to[0].default.http.requestTimeout (line 9) must be a duration such as 10s, 500ms or 1m30s, not \"soon\""],
    ["a destination that is no service", toHttpbin("        http: { requestTimeout: 1s }\n", "{ kind: MeshHTTPRoute, name: r }"), "spec.to[0].targetRef.kind (line 7) is MeshHTTPRoute: it is no service of the scenario; traffic import reads Mesh, MeshService and MeshMultiZoneService"],
  ])("refuses %s", (_what, spec, problem) => {
    const path = kumaPolicy(scratch, "MeshTimeout", spec);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: MeshTimeout p ${problem}`);
  });
});
