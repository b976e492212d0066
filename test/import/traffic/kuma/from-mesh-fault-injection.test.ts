// Tests for from-mesh-fault-injection.ts, through importTrafficConfig: faults at the callee (from)
// or at the callers (to) as the route's fault, and what a rule's one abort and one delay cannot hold.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";
import { kumaPolicy, toHttpbin } from "./_kuma-policies.js";
import { createScratch, fixture, SERVICES } from "../_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

/** Faults `http` (YAML list items indented under http:) at httpbin's inbound proxy, for every caller. */
const inboundFaults = (http: string): string =>
  kumaPolicy(scratch, "MeshFaultInjection", `  targetRef: { kind: MeshService, name: httpbin }\n  from:\n    - targetRef: { kind: Mesh }\n      default:\n        http:\n${http}`);

describe("fromMeshFaultInjection", () => {
  it("reads the fixture: half the calls to httpbin's proxies delayed 5 s, noting where Kuma injects them", () => {
    const file = fixture("kuma-mesh-fault-injection.yaml");
    expect(importTrafficConfig([file], SERVICES).rules).toEqual([
      {
        host: "httpbin",
        routes: [
          {
            backends: [{ service: "httpbin" }],
            fault: { delay: { percent: 50.5, fixedDelayMs: 5000 } },
            note: "Kuma injects the faults at httpbin's inbound proxy; the simulation at the caller's proxy, so an aborted call skips the network and httpbin's proxy",
          },
        ],
        source: `${file}: MeshFaultInjection default-fault-injection`,
        ignored: ["metadata.labels"],
      },
    ]);
  });

  it("reads an abort and a delay of one entry, and faults at the callers (to)", () => {
    const [inbound] = importTrafficConfig([inboundFaults("          - abort: { httpStatus: 503, percentage: 10 }\n            delay: { value: 2s, percentage: '2.5' }\n")], SERVICES).rules;
    expect(inbound.routes[0].fault).toEqual({ abort: { percent: 10, status: 503 }, delay: { percent: 2.5, fixedDelayMs: 2000 } });
    const outbound = kumaPolicy(scratch, "MeshFaultInjection", toHttpbin("        http:\n          - abort: { httpStatus: 500, percentage: 50 }\n"), "out");
    const [rule] = importTrafficConfig([outbound], SERVICES).rules;
    expect(rule.routes).toEqual([{ backends: [{ service: "httpbin" }], fault: { abort: { percent: 50, status: 500 } } }]);
  });

  it.each([
    ["a second abort", "          - abort: { httpStatus: 500, percentage: 70 }\n          - abort: { httpStatus: 503, percentage: 50 }\n", "spec.from[0].default.http[1].abort (line 12) is a second abort: Kuma applies it to the calls the first one let through, while a rule has one abort"],
    ["a bandwidth limit", "          - responseBandwidth: { limit: 50Mbps, percentage: 50 }\n", "spec.from[0].default.http[0].responseBandwidth (line 11) limits the bandwidth of answers, which the simulation does not model"],
    ["a status below 400", "          - abort: { httpStatus: 302, percentage: 5 }\n", "spec.from[0].default.http[0].abort.httpStatus (line 11) must be an integer from 400 to 599, not 302"],
    ["a percentage above 100", "          - delay: { value: 1s, percentage: '150' }\n", "spec.from[0].default.http[0].delay.percentage (line 11) must be a number from 0 to 100, not 150"],
  ])("refuses %s", (_what, http, problem) => {
    const path = inboundFaults(http);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: MeshFaultInjection p ${problem}`);
  });

  it("refuses faults for some callers only", () => {
    const path = kumaPolicy(scratch, "MeshFaultInjection", "  targetRef: { kind: MeshService, name: httpbin }\n  from:\n    - targetRef: { kind: MeshSubset, tags: { kuma.io/service: frontend } }\n      default: { http: [{ abort: { httpStatus: 500, percentage: 50 } }] }\n");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(
      `${path}: MeshFaultInjection p spec.from[0].targetRef.kind (line 8) is MeshSubset: the policy applies to some callers only, while a traffic rule applies to every caller (traffic import reads targetRef kind Mesh)`,
    );
  });
});
