// Tests for linkerd-annotations.ts, through importTrafficConfig: Linkerd's retry and timeout
// annotations on an HTTPRoute become the rule's retries and timeouts.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../scenario/_scenario-error-of.js";
import { createScratch, SERVICES } from "./_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

/** A Linkerd HTTPRoute for ratings with `annotations` (name: value lines). */
function ratingsWith(annotations: Record<string, string>, rule = "  - backendRefs: [{ name: ratings, port: 9080 }]\n"): string {
  const lines = Object.entries(annotations)
    .map(([key, value]) => `    ${key}: ${JSON.stringify(value)}\n`)
    .join("");
  return scratch.write(
    "linkerd.yaml",
    `apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: ratings\n  annotations:\n${lines}spec:\n  parentRefs: [{ kind: Service, group: core, name: ratings, port: 9080 }]\n  rules:\n${rule}`,
  );
}

describe("readLinkerdAnnotations", () => {
  it("retries gRPC conditions, one retry by default, with notes for near matches", () => {
    const [route] = importTrafficConfig([ratingsWith({ "retry.linkerd.io/grpc": "unavailable,cancelled" })], SERVICES).rules[0].routes;
    expect(route.retries).toEqual({ attempts: 1, retryOn: ["gateway-error"] });
    expect(route.note).toBe("retryOn unavailable taken as gateway-error: gRPC UNAVAILABLE is what Envoy makes of 502, 503 and 504");
  });

  it("takes a response timeout without retries as the call's deadline, the shorter one winning", () => {
    const path = ratingsWith({ "timeout.linkerd.io/request": "5s", "timeout.linkerd.io/response": "800ms" });
    expect(importTrafficConfig([path], SERVICES).rules[0].routes[0].timeoutMs).toBe(800);
  });

  it("lets the rule's own timeouts win over the annotations", () => {
    const path = ratingsWith({ "timeout.linkerd.io/request": "5s" }, "  - backendRefs: [{ name: ratings }]\n    timeouts: { request: 750ms }\n");
    expect(importTrafficConfig([path], SERVICES).rules[0].routes[0].timeoutMs).toBe(750);
  });

  it("ignores a retry limit without conditions, and the idle timeout", () => {
    const [rule] = importTrafficConfig([ratingsWith({ "retry.linkerd.io/limit": "2", "timeout.linkerd.io/idle": "1m" })], SERVICES).rules;
    expect(rule.routes[0].retries).toBeUndefined();
    expect(rule.ignored).toEqual([
      "metadata.annotations (retry.linkerd.io/limit and /timeout without /http or /grpc: Linkerd retries nothing)",
      'metadata.annotations["timeout.linkerd.io/idle"] (simulated streams are never idle)',
    ]);
  });

  it("refuses a retry limit that is no whole number", () => {
    const path = ratingsWith({ "retry.linkerd.io/http": "5xx", "retry.linkerd.io/limit": "many" });
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(
      `${path}: HTTPRoute ratings metadata.annotations["retry.linkerd.io/limit"] (line 7) must be a whole number of retries from 0 to 100, not "many"`,
    );
  });
});
