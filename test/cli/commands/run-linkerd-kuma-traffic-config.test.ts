// `meshsim run --traffic-config` with Linkerd's ServiceProfile and Kuma's policies: their retries,
// faults and timeouts change the results, and a profile whose routes disagree stops the run (exit 2).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_OK } from "../../../src/cli/index.js";
import { meshsim } from "./_meshsim.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-linkerd-kuma-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A web -> cart shop whose cart answers 30% of calls with a 500. */
const scenario = join(folder, "shop.yaml");
writeFileSync(
  scenario,
  `name: shop
services:
  - { name: web, concurrency: 16, serviceTime: { type: exponential, meanMs: 1 } }
  - { name: cart, concurrency: 16, serviceTime: { type: exponential, meanMs: 1 }, failures: { errorRate: 0.3 } }
requestTypes:
  - { name: buy, entry: web, calls: [{ call: cart }] }
load: { type: open, ratePerSec: 200, durationS: 2, warmupS: 1, client: { meshed: true } }
`,
);

function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** The share of requests that failed in the one run of a results document. */
async function failedShare(mesh: string, ...trafficConfig: string[]): Promise<number> {
  const json = join(folder, `${mesh}-${trafficConfig.length}.json`);
  const extra = trafficConfig.length > 0 ? ["--traffic-config", trafficConfig.join(",")] : [];
  const { exitCode, stderr } = await meshsim("run", scenario, ...extra, "--mesh", mesh, "--replications", "1", "--workers", "1", "--json", json);
  expect(exitCode, stderr).toBe(EXIT_OK);
  const { requests } = JSON.parse(readFileSync(json, "utf8")).runs[0];
  return requests.failed / (requests.failed + requests.completed);
}

describe("meshsim run --traffic-config with Linkerd and Kuma resources", () => {
  it("retries cart's 500s under linkerd2 once a ServiceProfile marks its route retryable", async () => {
    const profile = write(
      "profile.yaml",
      "apiVersion: linkerd.io/v1alpha2\nkind: ServiceProfile\nmetadata: { name: cart.shop.svc.cluster.local }\nspec:\n  routes:\n    - { name: POST /cart, condition: { method: POST, pathRegex: /cart }, isRetryable: true }\n  retryBudget: { retryRatio: 1, minRetriesPerSecond: 10, ttl: 10s }\n",
    );
    const without = await failedShare("linkerd2");
    const withProfile = await failedShare("linkerd2", profile);
    // Linkerd retries nothing unconfigured: about 30% fail; retried 500s mostly succeed.
    expect(without).toBeGreaterThan(0.22);
    expect(without).toBeLessThan(0.38);
    expect(withProfile).toBeLessThan(without / 3);
  });

  it("injects Kuma's fault and turns retries off under kuma, merging the two policies into cart's rule", async () => {
    const policies = write(
      "kuma.yaml",
      [
        "apiVersion: kuma.io/v1alpha1\nkind: MeshRetry\nmetadata: { name: no-retries }\nspec:\n  to:\n    - { targetRef: { kind: Mesh }, default: { http: { numRetries: 0 } } }\n",
        "apiVersion: kuma.io/v1alpha1\nkind: MeshFaultInjection\nmetadata: { name: cart-faults }\nspec:\n  targetRef: { kind: MeshService, name: cart }\n  from:\n    - { targetRef: { kind: Mesh }, default: { http: [{ abort: { httpStatus: 503, percentage: 50 } }] } }\n",
      ].join("---\n"),
    );
    const share = await failedShare("kuma", policies);
    // Half the calls aborted, and 30% of the rest answered 500 without a retry: 0.5 + 0.5 x 0.3.
    expect(share).toBeGreaterThan(0.57);
    expect(share).toBeLessThan(0.73);
  });

  it("leaves a kuma run as it was when Kuma's default policies are imported, the kuma profile's defaults being theirs", async () => {
    // The mesh-retry-all-default, mesh-circuit-breaker-all-default and mesh-timeout-all-default policies
    // Kuma creates with every mesh (github.com/kumahq/kuma, pkg/defaults/mesh), their http and tcp parts.
    const defaults = write(
      "kuma-defaults.yaml",
      "apiVersion: kuma.io/v1alpha1\n" +
      "kind: MeshRetry\n" +
      "metadata: { name: mesh-retry-all-default }\n" +
      "spec:\n" +
      "  targetRef: { kind: Mesh }\n" +
      "  to:\n" +
      "    - targetRef: { kind: Mesh }\n" +
      "      default:\n" +
      "        tcp: { maxConnectAttempt: 5 }\n" +
      "        http: { numRetries: 5, perTryTimeout: 16s, backOff: { baseInterval: 25ms, maxInterval: 250ms } }\n" +
      "---\n" +
      "apiVersion: kuma.io/v1alpha1\n" +
      "kind: MeshCircuitBreaker\n" +
      "metadata: { name: mesh-circuit-breaker-all-default }\n" +
      "spec:\n" +
      "  targetRef: { kind: Mesh }\n" +
      "  to:\n" +
      "    - targetRef: { kind: Mesh }\n" +
      "      default: { connectionLimits: { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 } }\n" +
      "---\n" +
      "apiVersion: kuma.io/v1alpha1\n" +
      "kind: MeshTimeout\n" +
      "metadata: { name: mesh-timeout-all-default }\n" +
      "spec:\n" +
      "  targetRef: { kind: Mesh }\n" +
      "  to:\n" +
      "    - targetRef: { kind: Mesh }\n" +
      "      default: { connectionTimeout: 5s, idleTimeout: 1h, http: { requestTimeout: 15s, streamIdleTimeout: 30m } }\n",
    );
    // One of cart's two replicas refuses connections for a while, so the retries and their backoff act.
    const outage = write("outage.yaml", readFileSync(scenario, "utf8").replace("failures: { errorRate: 0.3 }", "replicas: 2, failures: { outages: [{ replica: 0, startS: 1, endS: 2.5 }] }"));
    const run = async (...extra: string[]): Promise<unknown> => {
      const json = join(folder, `kuma-defaults-${extra.length}.json`);
      const { exitCode, stderr } = await meshsim("run", outage, ...extra, "--mesh", "kuma", "--replications", "1", "--workers", "1", "--json", json);
      expect(exitCode, stderr).toBe(EXIT_OK);
      const { requests, latencyMs } = JSON.parse(readFileSync(json, "utf8")).runs[0];
      return { requests, latencyMs };
    };
    expect(await run("--traffic-config", defaults)).toEqual(await run());
  });

  it("stops with one line naming the ServiceProfile route whose retries differ, exit 2", async () => {
    const profile = write(
      "mixed.yaml",
      "apiVersion: linkerd.io/v1alpha2\nkind: ServiceProfile\nmetadata: { name: cart.shop.svc.cluster.local }\nspec:\n  routes:\n    - { name: GET /cart, condition: { method: GET, pathRegex: /cart }, isRetryable: true }\n    - { name: POST /cart, condition: { method: POST, pathRegex: /cart } }\n",
    );
    const { exitCode, stderr } = await meshsim("run", scenario, "--traffic-config", profile, "--mesh", "linkerd2", "--replications", "1", "--workers", "1");
    expect(exitCode).toBe(EXIT_BAD_INPUT);
    expect(stderr).toBe(
      `meshsim: ${profile}: ServiceProfile cart.shop.svc.cluster.local spec.routes[1] (line 7) (route POST /cart: not retryable, no timeout) differs from route GET /cart (retryable, no timeout); simulated calls carry no method or path, so a rule cannot give calls to cart per-route retries or timeouts: give every route the same isRetryable and timeout, or write the rule in the scenario's traffic list\n`,
    );
  });
});
