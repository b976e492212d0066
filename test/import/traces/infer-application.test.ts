// inferApplication recovers a known call graph from generated traces in each format: services,
// edges, probabilities within sampling error, own-time means within 5%, parallel versus sequential,
// repeats, kinds and protocols, external services and the arrival rate.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inferApplication, readTraceFiles, type CallGroup, type CallSummary, type TracedApplication } from "../../../src/import/traces/index.js";
import { drawnOwnMs, generateTraces, toJaeger, toOtlp, toZipkin, type GenApp } from "./_trace-generator.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-infer-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const SHOP: GenApp = {
  ownMs: { frontend: 2, cart: 1.5, catalog: 3, recommendation: 4, currency: 0.5, redis: 0.3, "api.stripe.com": 40 },
  ratePerSec: 100,
  requestTypes: [
    {
      entry: "frontend",
      operation: "GET /home",
      weight: 3,
      calls: [
        { parallel: [{ service: "catalog" }, { service: "recommendation", calls: [{ service: "catalog" }] }] },
        { service: "currency", kind: "grpc", repeat: 2 },
      ],
    },
    {
      entry: "frontend",
      operation: "POST /checkout",
      weight: 1,
      calls: [
        { service: "cart", probability: 0.7, calls: [{ service: "redis", dbSystem: "redis" }] },
        { service: "api.stripe.com", host: "api.stripe.com" },
      ],
    },
  ],
};

const TRACES = 2000;

/** Mean of the own times the generator drew for each service in the last generated set. */
let drawnMeans: Record<string, number> = {};

async function importAs(format: "otlp" | "jaeger" | "zipkin", app: GenApp, count = TRACES, seed = 1): Promise<TracedApplication> {
  const spans = generateTraces(app, count, seed);
  drawnMeans = Object.fromEntries([...drawnOwnMs].map(([name, values]) => [name, values.reduce((a, b) => a + b, 0) / values.length]));
  const document = format === "otlp" ? toOtlp(spans) : format === "jaeger" ? toJaeger(spans) : toZipkin(spans);
  const file = join(folder, `${format}-${seed}-${app.sidecars ? "mesh" : "plain"}${app.sidecarsOnly ? "-only" : ""}.json`);
  writeFileSync(file, JSON.stringify(document));
  const read = await readTraceFiles([file]);
  expect(read.files[0].format).toBe(format);
  return inferApplication(read.spans, { clusterRttMs: 0.2 });
}

function calls(groups: CallGroup[]): CallSummary[] {
  return groups.flatMap((group) => (group.kind === "parallel" ? group.members : [group]));
}

function service(app: TracedApplication, name: string) {
  const found = app.services.find((candidate) => candidate.name === name);
  expect(found, name).toBeDefined();
  return found!;
}

describe.each(["otlp", "jaeger", "zipkin"] as const)("inferApplication from %s", (format) => {
  let app: TracedApplication;
  it("finds every service, traced or not", async () => {
    app = await importAs(format, SHOP);
    expect(app.services.map((s) => s.name).sort()).toEqual(["api.stripe.com", "cart", "catalog", "currency", "frontend", "recommendation", "redis"]);
    expect(service(app, "redis").traced).toBe(false);
    expect(service(app, "redis").kind).toBe("cache");
    expect(service(app, "api.stripe.com").external).toBe(true);
    expect(service(app, "currency").protocol).toBe("grpc");
    expect(service(app, "cart").external).toBe(false);
  });

  it("makes one request type per entry operation, weighted by the traces it starts", () => {
    expect(app.requestTypes.map((type) => type.name)).toEqual(["frontend GET /home", "frontend POST /checkout"]);
    const share = app.requestTypes[0].traces / app.traces;
    // 3:1 mix; binomial standard error at 2000 traces is 0.0097.
    expect(Math.abs(share - 0.75)).toBeLessThan(4 * 0.0097);
  });

  it("recovers parallel siblings, nested calls and repeats", () => {
    const home = app.requestTypes[0].calls;
    expect(home.map((group) => group.kind)).toEqual(["parallel", "call"]);
    const group = home[0] as Extract<CallGroup, { kind: "parallel" }>;
    expect(group.members.map((member) => member.service).sort()).toEqual(["catalog", "recommendation"]);
    const recommendation = group.members.find((member) => member.service === "recommendation")!;
    expect(calls(recommendation.calls).map((call) => call.service)).toEqual(["catalog"]);
    const currency = home[1] as CallSummary;
    expect(currency.service).toBe("currency");
    expect(currency.repeat).toBe(2);
    expect(currency.parallelCopies).toBeUndefined();
  });

  it("recovers a call's probability within sampling error, and keeps sequential calls apart", () => {
    const checkout = app.requestTypes[1];
    expect(checkout.calls.map((group) => group.kind)).toEqual(["call", "call"]);
    const cart = calls(checkout.calls).find((call) => call.service === "cart")!;
    const error = Math.sqrt((0.7 * 0.3) / checkout.traces);
    expect(Math.abs(cart.probability - 0.7)).toBeLessThan(4 * error);
    expect(calls(cart.calls)[0].service).toBe("redis");
    expect(calls(checkout.calls)[1].requestBytes).toBe(2048);
  });

  it("recovers each traced service's own time within 5%", () => {
    for (const name of ["frontend", "cart", "catalog", "recommendation", "currency"]) {
      expect(Math.abs(service(app, name).serviceTime.meanMs / drawnMeans[name] - 1), name).toBeLessThan(0.05);
    }
    expect(service(app, "frontend").serviceTime.how).toBe("empirical");
    expect(service(app, "frontend").serviceTime.count).toBe(app.traces);
  });

  it("takes the network round trip off untraced peers' times", () => {
    // The generator's round trip to redis is 0.3 ms of work plus 2 x 0.1 ms of network; 0.2 ms is taken off.
    expect(Math.abs(service(app, "redis").serviceTime.meanMs / drawnMeans.redis - 1)).toBeLessThan(0.05);
  });

  it("infers the arrival rate from the traces' timestamps", () => {
    expect(Math.abs(app.rate!.perSec / SHOP.ratePerSec - 1)).toBeLessThan(0.06);
    expect(app.sampling).toEqual({ ratio: 1, from: "assumed" });
  });
});

describe("inferApplication from a meshed cluster", () => {
  it("keeps the sidecars' time out of the apps' own time when apps write spans too", async () => {
    const app = await importAs("jaeger", { ...SHOP, sidecars: true, proxyMs: 0.4 });
    expect(app.services.map((s) => s.name).sort()).toEqual(["api.stripe.com", "cart", "catalog", "currency", "frontend", "recommendation", "redis"]);
    for (const name of ["frontend", "cart", "catalog", "recommendation", "currency"]) {
      expect(Math.abs(app.services.find((s) => s.name === name)!.serviceTime.meanMs / drawnMeans[name] - 1), name).toBeLessThan(0.05);
    }
    expect(app.notices.some((notice) => /proxy spans.*stepped through/.test(notice))).toBe(true);
  });

  it("takes a sidecar's own passes off when only the sidecars write spans", async () => {
    // Istio's profile says 0.032 ms per HTTP/1.1 pass; the generated sidecars take that long.
    // Calls to a database or an external host pass no sidecar span of their own: the home page has none.
    const app = await importAs("otlp", { ...SHOP, requestTypes: [SHOP.requestTypes[0]], sidecars: true, sidecarsOnly: true, proxyMs: 0.032 });
    const frontend = app.services.find((s) => s.name === "frontend")!;
    expect(frontend.standIn).toEqual({ proxy: "envoy", subtractedMs: 0.064, profile: "istio" });
    for (const name of ["frontend", "catalog", "recommendation", "currency"]) {
      expect(Math.abs(app.services.find((s) => s.name === name)!.serviceTime.meanMs / drawnMeans[name] - 1), name).toBeLessThan(0.05);
    }
  });
});

describe("inferApplication with sampling", () => {
  it("scales the observed rate up by --sampling", async () => {
    const spans = generateTraces(SHOP, 500, 2);
    const file = join(folder, "sampled.json");
    writeFileSync(file, JSON.stringify(toZipkin(spans)));
    const read = await readTraceFiles([file]);
    const plain = inferApplication(read.spans, { clusterRttMs: 0.2 });
    const sampled = inferApplication(read.spans, { clusterRttMs: 0.2, sampling: 0.1 });
    expect(sampled.rate!.perSec / plain.rate!.perSec).toBeCloseTo(10, 6);
    expect(sampled.sampling.from).toBe("--sampling");
  });

  it("reads the ratio from the spans' OpenTelemetry tracestate, and --sampling overrides it", async () => {
    const spans = generateTraces(SHOP, 500, 2);
    const plainFile = join(folder, "unsampled-otlp.json");
    const sampledFile = join(folder, "sampled-otlp.json");
    writeFileSync(plainFile, JSON.stringify(toOtlp(spans)));
    // th:c is a rejection threshold of 3/4: a probability of 1/4.
    writeFileSync(sampledFile, JSON.stringify(toOtlp(spans)).replaceAll('"spanId":', '"traceState":"congo=t61rcWkgMzE,ot=th:c;rv:c0ffee00c0ffee","spanId":'));
    const plain = inferApplication((await readTraceFiles([plainFile])).spans, { clusterRttMs: 0.2 });
    const read = (await readTraceFiles([sampledFile])).spans;
    const sampled = inferApplication(read, { clusterRttMs: 0.2 });
    expect(sampled.sampling).toEqual({ ratio: 0.25, from: "the entry spans' tracestate (ot=th)" });
    expect(sampled.rate!.perSec / plain.rate!.perSec).toBeCloseTo(4, 6);
    expect(sampled.notInferred.some((line) => /sampling ratio/.test(line))).toBe(false);
    expect(inferApplication(read, { clusterRttMs: 0.2, sampling: 0.5 }).sampling).toEqual({ ratio: 0.5, from: "--sampling" });
  });
});

describe("inferApplication with fan-out and messaging", () => {
  it("makes parallel copies of a call repeated at once, and a broker between a producer and its consumer", async () => {
    const app = await importAs("otlp", {
      ownMs: { web: 1, shard: 2, dispatch: 5 },
      ratePerSec: 20,
      requestTypes: [
        {
          entry: "web",
          operation: "POST /order",
          weight: 1,
          calls: [{ parallel: [{ service: "shard" }, { service: "shard" }, { service: "shard" }] }, { service: "orders", messaging: "rabbitmq", calls: [{ service: "dispatch" }] }],
        },
      ],
    }, 200);
    const [fanOut, publish] = app.requestTypes[0].calls as CallSummary[];
    expect(fanOut).toMatchObject({ service: "shard", parallelCopies: 3, total: 600 });
    expect(publish).toMatchObject({ service: "rabbitmq", async: true });
    expect(calls(publish.calls)).toMatchObject([{ service: "dispatch", async: true }]);
    expect(service(app, "rabbitmq")).toMatchObject({ kind: "queue", traced: false, protocol: "tcp" });
    expect(service(app, "dispatch").kind).toBe("worker");
    expect(Math.abs(service(app, "dispatch").serviceTime.meanMs / drawnMeans.dispatch - 1)).toBeLessThan(0.05);
  });
});

describe("inferApplication with more entry operations than a scenario holds", () => {
  it("keeps the 1,000 most traced as request types, says how many were left out, and keeps the whole rate", async () => {
    // 1,010 operations of equal weight over 30,000 traces: about 30 traces each, none missing.
    const many: GenApp = {
      ownMs: { frontend: 1 },
      ratePerSec: 100,
      requestTypes: Array.from({ length: 1010 }, (_, i) => ({ entry: "frontend", operation: `GET /op-${i}`, weight: 1, calls: [] })),
    };
    const app = await importAs("otlp", many, 30_000);
    expect(app.requestTypes).toHaveLength(1000);
    const traces = app.requestTypes.map((type) => type.traces);
    expect(traces).toEqual([...traces].sort((a, b) => b - a));
    const notice = app.notices.find((text) => text.startsWith("1,010 entry operations traced"));
    expect(notice).toMatch(/the 1,000 most traced are the request types \(a scenario holds at most 1,000\), the other 10 \(\d+ of 30,000 traces\) left out/);
    expect(Math.abs(app.rate!.perSec / many.ratePerSec - 1)).toBeLessThan(0.06);
  });
});
