// Tests for from-mesh-retry.ts, through importTrafficConfig: Kuma's retries as the rule's, its
// defaults for what no policy sets, the default policy merged under a service's own, and refusals.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";
import { kumaPolicy, toHttpbin } from "./_kuma-policies.js";
import { createScratch, fixture, SERVICES } from "../_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

const retryWith = (conf: string): string => kumaPolicy(scratch, "MeshRetry", toHttpbin(conf));

describe("fromMeshRetry", () => {
  it("reads the fixture: the default policy for every service, the service's own fields replacing its", () => {
    const file = fixture("kuma-mesh-retry.yaml");
    const rules = importTrafficConfig([file], SERVICES).rules;
    expect(rules.map((rule) => rule.host).sort()).toEqual(SERVICES.map((service) => service.name).sort());
    const httpbin = rules.find((rule) => rule.host === "httpbin")!;
    // numRetries, perTryTimeout and retryOn from frontend-to-backend-http; backOff from the default policy.
    expect(httpbin.routes).toEqual([{ backends: [{ service: "httpbin" }], retries: { attempts: 3, perTryTimeoutMs: 2000, backoffMs: 25, retryOn: ["5xx", "reset"] } }]);
    expect(httpbin.source).toBe(`${file}: MeshRetry mesh-retry-all-default + ${file}: MeshRetry frontend-to-backend-http`);
    const details = rules.find((rule) => rule.host === "details")!;
    expect(details.routes).toEqual([
      {
        backends: [{ service: "details" }],
        retries: { attempts: 5, perTryTimeoutMs: 16_000, backoffMs: 25, retryOn: ["gateway-error", "connect-failure"] },
        note: "retryOn not given: Kuma's default gateway-error,connect-failure,refused-stream taken as gateway-error,connect-failure",
      },
    ]);
    expect(details.ignored).toContain("spec.to[0].default.tcp (connection attempts of tcp services; traffic rules retry calls of http and grpc services)");
  });

  it("gives a policy without numRetries Kuma's default of one retry", () => {
    const [rule] = importTrafficConfig([retryWith("        http: { retryOn: [GatewayError] }\n")], SERVICES).rules;
    expect(rule.routes[0].retries).toEqual({ attempts: 1, retryOn: ["gateway-error"] });
    expect(rule.routes[0].note).toBe("numRetries not given: Kuma's default 1");
  });

  it("reads status codes and gRPC conditions, and a per-try timeout of 0 as none", () => {
    const [http] = importTrafficConfig([retryWith("        http: { numRetries: 2, perTryTimeout: 0s, retryOn: ['503'] }\n")], SERVICES).rules;
    // Kuma keeps its default conditions beside status codes given alone (configurer.go genHttpRetryPolicy).
    expect(http.routes[0].retries).toEqual({ attempts: 2, retryOn: ["gateway-error", "connect-failure"] });
    expect(http.routes[0].note).toContain("retryOn names status codes only: Kuma keeps its default gateway-error,connect-failure,refused-stream beside them");
    const [withCondition] = importTrafficConfig([retryWith("        http: { numRetries: 2, retryOn: [Reset, '503'] }\n")], SERVICES).rules;
    expect(withCondition.routes[0].retries).toEqual({ attempts: 2, retryOn: ["reset", "gateway-error"] });
    const [grpc] = importTrafficConfig([retryWith("        grpc: { numRetries: 2, retryOn: [Unavailable, Canceled] }\n")], SERVICES).rules;
    expect(grpc.routes[0].retries).toEqual({ attempts: 2, retryOn: ["gateway-error"] });
    expect(grpc.ignored).toContain("spec.to[0].default.grpc.retryOn (cancelled: no simulated call is cancelled)");
  });

  it("gives a grpc section without retryOn Kuma's grpc default, not the http one", () => {
    // GrpcRetryOnDefault in kumahq/kuma pkg/plugins/policies/meshretry/plugin/xds/configurer.go.
    const [grpc] = importTrafficConfig([retryWith("        grpc: { numRetries: 2 }\n")], SERVICES).rules;
    expect(grpc.routes[0].retries).toEqual({ attempts: 2, retryOn: ["connect-failure", "gateway-error", "reset"] });
    expect(grpc.routes[0].note).toContain("retryOn not given: Kuma's default cancelled,connect-failure,gateway-error,refused-stream,reset,resource-exhausted,unavailable taken as connect-failure,gateway-error,reset");
  });

  it("lists a maxInterval other than 10 x baseInterval as ignored", () => {
    const [rule] = importTrafficConfig([retryWith("        http: { numRetries: 2, backOff: { baseInterval: 15s, maxInterval: 20m } }\n")], SERVICES).rules;
    expect(rule.routes[0].retries).toMatchObject({ attempts: 2, backoffMs: 15_000 });
    expect(rule.ignored).toEqual(["spec.to[0].default.http.backOff.maxInterval (the simulation caps the wait at 10 x baseInterval, Kuma's default maxInterval)"]);
  });

  it.each([
    ["retries of some methods only", "        http: { retryOn: [5xx, HttpMethodGet] }\n", "spec.to[0].default.http.retryOn (line 9) names HttpMethodGet: retries of calls of some methods only, which simulated calls (no method) cannot express"],
    ["an unknown condition", "        http: { retryOn: [Sometimes] }\n", "spec.to[0].default.http.retryOn (line 9) names Sometimes, which is no http retry condition of Kuma's (5XX, GatewayError, Reset, Retriable4xx, ConnectFailure, EnvoyRatelimited, RefusedStream, Http3PostConnectFailure or status codes)"],
    ["retries by request headers", "        http: { retriableRequestHeaders: [{ name: x-retry }] }\n", "spec.to[0].default.http.retriableRequestHeaders (line 9) retries only calls carrying some request headers, while a rule's retries apply to every call of its route"],
    ["a negative count", "        http: { numRetries: -1 }\n", "spec.to[0].default.http.numRetries (line 9) must be an integer from 0 to 100, not -1"],
  ])("refuses %s", (_what, conf, problem) => {
    const path = retryWith(conf);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(`${path}: MeshRetry p ${problem}`);
  });

  it("refuses a policy for some callers only", () => {
    const path = kumaPolicy(scratch, "MeshRetry", `  targetRef: { kind: Dataplane, labels: { app: frontend } }\n${toHttpbin("        http: { numRetries: 3 }\n")}`);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(
      `${path}: MeshRetry p spec.targetRef.kind (line 6) is Dataplane: the policy applies to some callers only, while a traffic rule applies to every caller (traffic import reads targetRef kind Mesh)`,
    );
  });

  it("skips a policy for gateways only, saying why", () => {
    const path = kumaPolicy(scratch, "MeshRetry", `  targetRef: { kind: Mesh, proxyTypes: [Gateway] }\n${toHttpbin("        http: { numRetries: 3 }\n")}`);
    const imported = importTrafficConfig([path], SERVICES);
    expect(imported.rules).toEqual([]);
    expect(imported.skipped).toEqual([`${path}: MeshRetry p (applies to gateways only, which traffic rules do not configure)`]);
  });
});
