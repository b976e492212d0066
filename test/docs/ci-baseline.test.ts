// The committed CI baseline (examples/github-actions/baseline.json) is what the code gives for
// the same inputs and seed, outside meta: npm run baseline:ci makes it, with the flags the
// repository's gate uses (none: the scenario's meshes, rate and duration, seed 1).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, planRun, runScenario } from "../../src/index.js";

const ROOT = join(import.meta.dirname, "../..");
const withoutMeta = (document: Record<string, unknown>) => JSON.stringify({ ...document, meta: undefined }, null, 2);

describe("the committed CI baseline", () => {
  it("is a fresh run of examples/github-actions/shop.yaml (npm run baseline:ci rewrites it)", async () => {
    const committed = JSON.parse(readFileSync(join(ROOT, "examples/github-actions/baseline.json"), "utf8"));
    // The path is the one the gate passes, as the document names its scenario by name and hash.
    const fresh = await runScenario(planRun(loadScenario(join(ROOT, "examples/github-actions/shop.yaml"))), { workers: 1 });
    expect(withoutMeta(committed)).toBe(withoutMeta(JSON.parse(JSON.stringify(fresh))));
  });

  it("npm run baseline:ci runs the repository gate's flags: none besides the scenario", () => {
    const script = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts["baseline:ci"];
    expect(script).toContain("run examples/github-actions/shop.yaml --json examples/github-actions/baseline.json --quiet");
    const workflow = readFileSync(join(ROOT, ".github/workflows/meshsim-check.yml"), "utf8");
    expect(workflow).not.toContain("run-flags:");
  });
});
