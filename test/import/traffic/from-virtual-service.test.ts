// Tests for from-virtual-service.ts, through importTrafficConfig: Istio's bookinfo and
// fault-injection samples converted value by value, and one test per refused field.

import { afterAll, describe, expect, it } from "vitest";
import { importTrafficConfig } from "../../../src/import/traffic/index.js";
import { oneLineScenarioErrorOf } from "../../scenario/_scenario-error-of.js";
import { createScratch, fixture, SERVICES } from "./_traffic-fixtures.js";

const scratch = createScratch();
afterAll(() => scratch.remove());

/** A VirtualService for reviews with `http` as its only route list, written to a scratch file. */
function reviewsWith(http: string): string {
  return scratch.write("vs.yaml", `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n${http}`);
}

const TO_V1 = "    route:\n    - destination: { host: reviews, subset: v1 }\n";
const ROUTE_V1 = `  -${TO_V1.slice(3)}`;
const REVIEWS_SUBSETS = fixture("destination-rule-all.yaml");

describe("fromVirtualService: Istio's samples", () => {
  it("virtual-service-reviews-90-10 with destination-rule-all splits reviews 90/10 onto the subsets' services", () => {
    const { rules } = importTrafficConfig([fixture("virtual-service-reviews-90-10.yaml"), REVIEWS_SUBSETS], SERVICES);
    expect(rules[0]).toEqual({
      host: "reviews",
      routes: [
        {
          backends: [
            { service: "reviews-v1", weight: 90 },
            { service: "reviews-v3", weight: 10 },
          ],
        },
      ],
      source: `${fixture("virtual-service-reviews-90-10.yaml")}: VirtualService reviews + ${REVIEWS_SUBSETS}: DestinationRule reviews`,
    });
  });

  it("the fault-injection sample keeps match, delay, abort, timeout and retries, with the retryOn mapping reported", () => {
    const file = fixture("virtual-service-ratings-faults.yaml");
    const [rule] = importTrafficConfig([file], SERVICES).rules;
    expect(rule.host).toBe("ratings");
    expect(rule.routes).toEqual([
      {
        match: { headers: { "end-user": "jason" } },
        backends: [{ service: "ratings" }],
        fault: { delay: { percent: 100, fixedDelayMs: 7000 }, abort: { percent: 10, status: 503 } },
        note: "route jason-delay",
      },
      {
        backends: [{ service: "ratings" }],
        timeoutMs: 10_000,
        retries: { attempts: 3, perTryTimeoutMs: 2000, retryOn: ["5xx", "reset", "gateway-error"] },
        note: "retryOn unavailable taken as gateway-error: gRPC UNAVAILABLE is what Envoy makes of 502, 503 and 504",
      },
    ]);
    expect(rule.ignored).toEqual([
      "VirtualService ratings: spec.http[1].corsPolicy",
      "VirtualService ratings: spec.http[1].retries.retryOn (refused-stream: no simulated failure is a refused HTTP/2 stream)",
    ]);
  });
});

describe("fromVirtualService: what it converts", () => {
  it("gives one route per match, in order, with lowercase header names", () => {
    const path = reviewsWith(
      "  - match:\n    - headers: { End-User: { exact: jason } }\n    - headers: { x-beta: { exact: '1' }, x-team: { exact: qa } }\n" + TO_V1 + "  - route:\n    - destination: { host: reviews, subset: v2 }\n",
    );
    const routes = importTrafficConfig([path, REVIEWS_SUBSETS], SERVICES).rules[0].routes;
    expect(routes.map((route) => [route.match?.headers, route.backends[0].service])).toEqual([
      [{ "end-user": "jason" }, "reviews-v1"],
      [{ "x-beta": "1", "x-team": "qa" }, "reviews-v1"],
      [undefined, "reviews-v2"],
    ]);
  });

  it("gives a destination without weight 0 when there are several, as Istio does", () => {
    const path = reviewsWith("  - route:\n    - destination: { host: reviews, subset: v1 }\n    - destination: { host: reviews, subset: v2 }\n      weight: 100\n");
    expect(importTrafficConfig([path, REVIEWS_SUBSETS], SERVICES).rules[0].routes[0].backends).toEqual([
      { service: "reviews-v1", weight: 0 },
      { service: "reviews-v2", weight: 100 },
    ]);
  });

  it("spreads a destination host that is no service over the services of its app", () => {
    const path = reviewsWith("  - route:\n    - destination: { host: reviews.default.svc.cluster.local }\n");
    const [rule] = importTrafficConfig([path], SERVICES).rules;
    expect(rule.routes[0].backends).toEqual([
      { service: "reviews-v1", weight: 1 / 3 },
      { service: "reviews-v2", weight: 1 / 3 },
      { service: "reviews-v3", weight: 1 / 3 },
    ]);
    expect(rule.note).toBe("reviews is not a service of the scenario: its calls are spread evenly over reviews-v1, reviews-v2, reviews-v3 (labels.app=reviews)");
  });

  it("maps a subset without a DestinationRule to the service named <host>-<subset>", () => {
    const path = reviewsWith(ROUTE_V1);
    expect(importTrafficConfig([path], SERVICES).rules[0].routes[0].backends).toEqual([{ service: "reviews-v1" }]);
  });

  it("maps a subset whose labels no service has to the service named <host>-<subset>", () => {
    const rule = scratch.write("dr-labels.yaml", "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: reviews }\nspec:\n  host: reviews\n  subsets:\n  - name: v2\n    labels: { track: canary }\n");
    const path = reviewsWith("  - route:\n    - destination: { host: reviews, subset: v2 }\n");
    expect(importTrafficConfig([path, rule], SERVICES).rules[0].routes[0].backends).toEqual([{ service: "reviews-v2" }]);
  });

  it("takes attempts 0 as retries turned off, and a missing retryOn as Istio's default", () => {
    const path = reviewsWith(`  - retries: { attempts: 0 }\n${TO_V1}  - retries: { attempts: 2 }\n    route:\n    - destination: { host: reviews, subset: v2 }\n`);
    const routes = importTrafficConfig([path, REVIEWS_SUBSETS], SERVICES).rules[0].routes;
    expect(routes[0].retries).toEqual({ attempts: 0 });
    expect(routes[1].retries).toEqual({ attempts: 2, retryOn: ["connect-failure", "gateway-error"] });
    expect(routes[1].note).toBe("retryOn not given: Istio's default connect-failure,refused-stream,unavailable,cancelled,503 taken as connect-failure,gateway-error");
  });

  it("reads retry backoff and the deprecated integer fault percent", () => {
    const path = reviewsWith(`  - retries: { attempts: 1, retryOn: gateway-error, backoff: 50ms }\n    fault: { delay: { percent: 5, fixedDelay: 1.5s } }\n${TO_V1}`);
    const [route] = importTrafficConfig([path, REVIEWS_SUBSETS], SERVICES).rules[0].routes;
    expect(route.retries).toEqual({ attempts: 1, retryOn: ["gateway-error"], backoffMs: 50 });
    expect(route.fault).toEqual({ delay: { percent: 5, fixedDelayMs: 1500 } });
  });

  it("takes a fault without a percentage as applying to no call, and says so", () => {
    const path = reviewsWith(`  - fault: { abort: { httpStatus: 500 } }\n${TO_V1}`);
    const [route] = importTrafficConfig([path, REVIEWS_SUBSETS], SERVICES).rules[0].routes;
    expect(route.fault).toEqual({ abort: { percent: 0, status: 500 } });
    expect(route.note).toBe("fault abort without a percentage: Istio applies it to no call");
  });

  it("takes timeout 0s as no timeout", () => {
    const path = reviewsWith(`  - timeout: 0s\n${TO_V1}`);
    const [route] = importTrafficConfig([path, REVIEWS_SUBSETS], SERVICES).rules[0].routes;
    expect(route.timeoutMs).toBeUndefined();
    expect(route.note).toBe("timeout 0s: no timeout");
  });

  it("gives one rule per host, short and long names of one service counting once", () => {
    const path = scratch.write(
      "hosts.yaml",
      "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata: { name: both }\nspec:\n  hosts: [ratings, ratings.default.svc.cluster.local, details]\n  http:\n  - route:\n    - destination: { host: ratings }\n",
    );
    expect(importTrafficConfig([path], SERVICES).rules.map((rule) => rule.host)).toEqual(["ratings", "details"]);
  });

  it("applies a gateway-only VirtualService to its default destination and ignores its host names", () => {
    const path = scratch.write(
      "ingress.yaml",
      "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: bookinfo }\nspec:\n  hosts: ['bookinfo.example.com']\n  gateways: [bookinfo-gateway]\n  http:\n  - timeout: 3s\n    route:\n    - destination: { host: productpage, port: { number: 9080 } }\n",
    );
    const [rule] = importTrafficConfig([path], SERVICES).rules;
    expect(rule).toMatchObject({ host: "productpage", routes: [{ backends: [{ service: "productpage" }], timeoutMs: 3000 }] });
    expect(rule.ignored).toEqual(["spec.hosts (ingress host names: the rule applies to calls to productpage, the default destination)"]);
    expect(rule.note).toBe("bound to gateways bookinfo-gateway only: applied to calls to productpage, its default destination");
  });

  it("ignores the ingress gateways of a route that also serves the mesh", () => {
    const path = scratch.write(
      "mesh-and-ingress.yaml",
      "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: details }\nspec:\n  hosts: [details]\n  gateways: [mesh, edge]\n  http:\n  - route:\n    - destination: { host: details }\n",
    );
    expect(importTrafficConfig([path], SERVICES).rules[0].ignored).toEqual(["spec.gateways (ingress gateways edge: the rule covers the mesh's calls)"]);
  });
});

describe("fromVirtualService: refused input, one message each", () => {
  const at = (path: string, field: string, problem: string): string => `${path}: VirtualService reviews ${field} ${problem}`;

  it("refuses mirror, naming the field and its line", () => {
    const path = fixture("virtual-service-mirror.yaml");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(
      `${path}: VirtualService httpbin spec.http[0].mirror (line 13) mirrors calls to another service, which traffic rules cannot express`,
    );
  });

  it("refuses a subset the host's DestinationRule does not define", () => {
    const path = fixture("virtual-service-unknown-subset.yaml");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path, REVIEWS_SUBSETS], SERVICES)).message).toBe(
      at(path, "spec.http[0].route[0].destination.subset (line 12)", `names subset v9 of reviews, which DestinationRule reviews (${REVIEWS_SUBSETS}) does not define (it defines v1, v2, v3)`),
    );
  });

  it("refuses a subset no service stands for when no DestinationRule defines it", () => {
    const path = fixture("virtual-service-unknown-subset.yaml");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path], SERVICES)).message).toBe(
      at(
        path,
        "spec.http[0].route[0].destination.subset (line 12)",
        "names subset v9 of reviews (no imported DestinationRule defines it), but no labels are known for it, and no service is named reviews-v9 (did you mean reviews-v1?)",
      ),
    );
  });

  it("refuses a subset whose labels no service has and no service is named after", () => {
    const rule = scratch.write("dr.yaml", "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: reviews }\nspec:\n  host: reviews\n  subsets:\n  - name: beta\n    labels: { version: v4 }\n");
    const path = reviewsWith("  - route:\n    - destination: { host: reviews, subset: beta }\n");
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path, rule], SERVICES)).message).toBe(
      at(
        path,
        "spec.http[0].route[0].destination.subset (line 9)",
        "names subset beta of reviews, but no service of the scenario has labels version=v4, and no service is named reviews-beta (did you mean reviews-v1?)",
      ),
    );
  });

  it.each([
    ["a uri match", "  - match:\n    - uri: { prefix: /api }\n" + TO_V1, "spec.http[0].match[0].uri (line 9)", "matches on the request line, while traffic rules match exact headers only"],
    ["a prefix header match", "  - match:\n    - headers: { user: { prefix: ja } }\n" + TO_V1, "spec.http[0].match[0].headers.user.prefix (line 9)", "is a prefix match; traffic rules match exact header values only"],
    ["a regex header match", "  - match:\n    - headers: { user: { regex: 'j.*' } }\n" + TO_V1, "spec.http[0].match[0].headers.user.regex (line 9)", "is a regex match; traffic rules match exact header values only"],
    ["sourceLabels", "  - match:\n    - sourceLabels: { app: productpage }\n" + TO_V1, "spec.http[0].match[0].sourceLabels (line 9)", "matches on the caller, while a traffic rule applies to every caller"],
    ["a redirect", "  - redirect: { uri: /v2 }\n", "spec.http[0].redirect (line 8)", "answers with a redirect instead of routing, which traffic rules cannot express"],
    ["an authority rewrite", "  - rewrite: { authority: ratings }\n" + TO_V1, "spec.http[0].rewrite.authority (line 8)", "rewrites the Host header, which can change where the call goes; traffic rules cannot express it"],
    ["a gRPC abort", "  - fault: { abort: { grpcStatus: UNAVAILABLE, percentage: { value: 1 } } }\n" + TO_V1, "spec.http[0].fault.abort.grpcStatus (line 8)", "aborts with a gRPC status, while a traffic rule aborts with an HTTP status"],
    ["an unknown field", "  - retires: { attempts: 2 }\n" + TO_V1, "spec.http[0].retires (line 8)", "is not a VirtualService field traffic import knows (did you mean retries?); its effect on traffic is unknown, so the file is refused"],
    ["an unknown retry condition", "  - retries: { attempts: 2, retryOn: '5xx,sometimes' }\n" + TO_V1, "spec.http[0].retries.retryOn (line 8)", "names sometimes, which is no retry condition (Envoy retry_on names, gRPC status names or HTTP status codes)"],
    ["a malformed timeout", "  - timeout: 2 seconds\n" + TO_V1, "spec.http[0].timeout (line 8)", 'must be a duration such as 10s, 500ms or 1m30s, not "2 seconds"'],
    ["all weights 0", "  - route:\n    - destination: { host: reviews, subset: v1 }\n    - destination: { host: reviews, subset: v2 }\n", "spec.http[0].route (line 8)", "gives every destination weight 0, so Istio answers every call with an error, which traffic rules cannot express"],
    ["an unknown destination", "  - route:\n    - destination: { host: detials }\n", "spec.http[0].route[0].destination.host (line 9)", "names detials, which is neither a service of the scenario nor the labels.app of one (did you mean details?)"],
  ])("refuses %s", (_what, http, field, problem) => {
    const path = reviewsWith(http);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path, REVIEWS_SUBSETS], SERVICES)).message).toBe(at(path, field, problem));
  });

  it.each([
    ["tcp routes", "  tcp:\n  - route:\n    - destination: { host: mysql }\n", "spec.tcp (line 7)", "routes TCP connections, which traffic rules (HTTP routes) cannot express"],
    ["a wildcard host", "  hosts: ['*']\n  http:\n" + TO_V1.replace("    route", "  - route"), "spec.hosts[0] (line 6)", "is a wildcard (*), which names no single service; list the services instead"],
  ])("refuses %s", (_what, specTail, field, problem) => {
    const path = scratch.write("spec.yaml", `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n${specTail.startsWith("  hosts") ? "" : "  hosts: [reviews]\n"}${specTail}`);
    expect(oneLineScenarioErrorOf(() => importTrafficConfig([path, REVIEWS_SUBSETS], SERVICES)).message).toBe(at(path, field, problem));
  });
});
