// Tests for combine-kuma-policies.ts, through importTrafficConfig: Kuma's policies of different kinds
// for one service make one rule, whole-mesh ones merge under a service's own whatever the file
// order, and two of one kind at one level are refused.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../../scenario/_scenario-error-of.js";
import { kumaPolicy, toHttpbin } from "./_kuma-policies.js";
import { createScratch, SERVICES } from "../_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

describe("combineKumaPolicies", () => {
  it("makes one rule of a service's retries, timeout, circuit breaker and load balancer", () => {
    const files = [
      kumaPolicy(scratch, "MeshRetry", toHttpbin("        http: { numRetries: 2, retryOn: [5xx] }\n")),
      kumaPolicy(scratch, "MeshTimeout", toHttpbin("        http: { requestTimeout: 3s }\n")),
      kumaPolicy(scratch, "MeshCircuitBreaker", toHttpbin("        connectionLimits: { maxRequests: 50 }\n")),
      kumaPolicy(scratch, "MeshLoadBalancingStrategy", toHttpbin("        loadBalancer: { type: LeastRequest }\n")),
    ];
    const imported = importTrafficConfig(files, SERVICES);
    expect(imported.rules).toEqual([
      {
        host: "httpbin",
        routes: [{ backends: [{ service: "httpbin" }], timeoutMs: 3000, retries: { attempts: 2, retryOn: ["5xx"] } }],
        loadBalancer: "least-request",
        circuitBreaker: { maxRequests: 50 },
        source: files.map((file) => `${file}: ${file.split("/").pop()!.replace(/-p\.yaml$/, "")} p`).join(" + "),
      },
    ]);
  });

  it("merges a whole-mesh policy under a service's own even when the service's comes first", () => {
    const own = kumaPolicy(scratch, "MeshRetry", toHttpbin("        http: { numRetries: 1 }\n"), "own");
    const everyService = kumaPolicy(scratch, "MeshRetry", toHttpbin("        http: { numRetries: 5, perTryTimeout: 16s, retryOn: [GatewayError] }\n", "{ kind: Mesh }"), "all");
    const httpbin = importTrafficConfig([own, everyService], SERVICES).rules.find((rule) => rule.host === "httpbin")!;
    expect(httpbin.routes[0].retries).toEqual({ attempts: 1, perTryTimeoutMs: 16_000, retryOn: ["gateway-error"] });
    expect(httpbin.source).toBe(`${everyService}: MeshRetry all + ${own}: MeshRetry own`);
  });

  it("gives a TCP service a whole-mesh policy's circuit breaker but not its HTTP retries, timeout or faults", () => {
    const services = [{ name: "web" }, { name: "mysql", kind: "db" }, { name: "cache", protocol: "tcp" }];
    const files = [
      kumaPolicy(scratch, "MeshTimeout", toHttpbin("        http: { requestTimeout: 2s }\n", "{ kind: Mesh }"), "all"),
      kumaPolicy(scratch, "MeshFaultInjection", "  from: [{ targetRef: { kind: Mesh }, default: { http: [{ abort: { httpStatus: 503, percentage: 1 } }] } }]\n", "all"),
      kumaPolicy(scratch, "MeshCircuitBreaker", toHttpbin("        connectionLimits: { maxConnections: 64 }\n", "{ kind: Mesh }"), "all"),
    ];
    const rules = importTrafficConfig(files, services).rules;
    expect(rules.map((rule) => [rule.host, rule.routes[0].timeoutMs, rule.routes[0].fault?.abort?.percent, rule.circuitBreaker])).toEqual([
      ["web", 2000, 1, { maxConnections: 64 }],
      ["mysql", undefined, undefined, { maxConnections: 64 }],
      ["cache", undefined, undefined, { maxConnections: 64 }],
    ]);
  });

  it("leaves out a per-try timeout no shorter than the request timeout, as Kuma's default policies set them", () => {
    const retry = kumaPolicy(scratch, "MeshRetry", toHttpbin("        http: { numRetries: 5, perTryTimeout: 16s }\n"));
    const timeout = kumaPolicy(scratch, "MeshTimeout", toHttpbin("        http: { requestTimeout: 15s }\n"));
    const [rule] = importTrafficConfig([retry, timeout], SERVICES).rules;
    expect(rule.routes[0]).toMatchObject({ timeoutMs: 15_000, retries: { attempts: 5 } });
    expect(rule.routes[0].retries!.perTryTimeoutMs).toBeUndefined();
    expect(rule.routes[0].note).toContain("perTryTimeout 16000 ms is not shorter than requestTimeout 15000 ms, so it never acts and is left out");
  });

  it("refuses two whole-mesh policies of one kind, as Kuma would order them by name", () => {
    const first = kumaPolicy(scratch, "MeshTimeout", toHttpbin("        http: { requestTimeout: 2s }\n", "{ kind: Mesh }"), "a");
    const second = kumaPolicy(scratch, "MeshTimeout", toHttpbin("        http: { requestTimeout: 5s }\n", "{ kind: Mesh }"), "b");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([first, second], SERVICES)).message).toBe(
      `${second}: MeshTimeout b spec.to[0].targetRef.kind (line 7) configures calls to productpage as MeshTimeout a (${first}) does, both for the whole mesh; Kuma then orders them by name, which traffic import does not follow: merge them into one`,
    );
  });
});
