// importScenario end to end on small Zipkin files: what a user's odd trace files give, and that
// every failure caused by the files is a ScenarioError (exit 2), never the import's own check.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importScenario } from "../../src/import/index.js";
import { ScenarioError } from "../../src/scenario/index.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-import-scenario-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A Zipkin v2 file of one-span traces of web, each `[startUs, durationUs]`. */
function zipkinFile(name: string, spans: Array<[number, number]>): string {
  const path = join(folder, name);
  const list = spans.map(([timestamp, duration], index) => ({
    traceId: `a${index}`,
    id: `b${index}`,
    name: "get /",
    kind: "SERVER",
    timestamp,
    duration,
    localEndpoint: { serviceName: "web" },
  }));
  writeFileSync(path, JSON.stringify(list));
  return path;
}

describe("importScenario", () => {
  // Regression: the rate was rounded to four decimals, 0 for traces days apart, and the written
  // scenario failed the import's own check (exit 1, an internal error).
  it("importScenario(three traces a week apart) writes their rate to four significant digits, not 0", async () => {
    const week = 7 * 86_400 * 1e6;
    const file = zipkinFile("sparse.json", [[1e15, 5000], [1e15 + week, 5000], [1e15 + 2 * week, 5000]]);
    const imported = await importScenario({ traces: [file], command: "meshsim import traces sparse.json" });
    expect(imported.yaml).toMatch(/ratePerSec: 0\.000001653 # from 3 traces starting over 1209600 s/);
  });

  // Regression: a span over a day gave a service time over a day, which failed the import's own check (exit 1).
  it("importScenario(only traces with a span over a day) says none can be imported, and why", async () => {
    const file = zipkinFile("stream.json", [[1e15, 2 * 86_400 * 1e6]]);
    await expect(importScenario({ traces: [file], command: "meshsim import traces stream.json" })).rejects.toThrow(
      new ScenarioError(file, "", "hold no trace that can be imported: 1 trace with a span longer than a day (a stream held open, or a broken clock) dropped: a scenario's times are at most a day"),
    );
  });

  it("importScenario(manifests with an Istio Sidecar per namespace naming its hosts) writes mesh.proxyScope: callees with where it came from", async () => {
    const path = join(folder, "sidecar.yaml");
    writeFileSync(path, "apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: { name: default, namespace: shop }\nspec:\n  egress:\n    - hosts: [\"./catalog.shop.svc.cluster.local\", \"istio-system/*\"]\n");
    const imported = await importScenario({ manifests: [join(import.meta.dirname, "../../examples/import/k8s/shop.yaml"), path], command: "meshsim import manifests" });
    expect(imported.yaml).toMatch(/\n  proxyScope: callees # from .*sidecar\.yaml: Sidecar default: they name the services each workload reaches/);
  });
});

