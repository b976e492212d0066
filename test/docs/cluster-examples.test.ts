// The README's cluster-failure example runs as its text says: Linkerd keeps web's calls in east and
// marks the drop of west's endpoints; Istio keeps sending west calls, the share the README quotes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, planRun, runScenario } from "../../src/index.js";

const ROOT = join(import.meta.dirname, "../..");

describe("examples/clusters/region-failure.yaml", () => {
  it("fails nothing under Linkerd (its drop of west's endpoints at 114.5 s in the events) and the README's share under Istio, from west's failure at 20 s on", async () => {
    const scenario = loadScenario(join(ROOT, "examples/clusters/region-failure.yaml"));
    const document = await runScenario(planRun(scenario, { meshes: ["none", "linkerd2", "istio"], intervalS: 5 }), { workers: 1 });
    const run = (mesh: string) => document.runs.find((candidate) => candidate.mesh === mesh)!;
    const failure = { atS: 20, event: "cluster west fails: its replicas stop answering" };
    expect(run("none").requests.failed).toBe(0);
    expect(run("linkerd2").requests.failed).toBe(0);
    expect(run("linkerd2").events).toEqual([failure, { atS: 114.5, event: "cluster west: gateway probes failed, endpoints not ready" }]);
    const istio = run("istio");
    expect(istio.events).toEqual([failure]);
    const failedBefore = istio.timeline!.filter((entry) => entry.atS < 20).reduce((sum, entry) => sum + entry.failedPerSec, 0);
    expect(failedBefore).toBe(0);
    const share = (100 * istio.requests.failed) / (istio.requests.failed + istio.requests.completed);
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain(`so to the end of the run ${share.toFixed(1)}% of requests fail`);
  }, 60_000);
});
