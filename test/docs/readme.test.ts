/**
 * The README's examples are part of the product: its scenario example must load, and the
 * commands it shows must exist.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/runner/index.js";
import { parseScenario } from "../../src/import/index.js";

/** A fragment's keys replace the example's, objects merging key by key (as a reader would apply it). */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (typeof base !== "object" || base === null || Array.isArray(base) || typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) merged[key] = deepMerge(merged[key], value);
  return merged;
}

const README = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");

describe("README", () => {
  it("opens with the install-and-run and install-and-test commands", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)![1];
    expect(firstBlock).toContain("npm install && npm start");
    expect(firstBlock).toContain("npm install && npm test");
  });

  const yamlBlocks = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]) as Record<string, unknown>);
  const fullExamples = yamlBlocks.filter((block) => "name" in block);
  const fullExample = fullExamples.find((block) => block.name === "shop" && JSON.stringify(block).includes("payments-api"))!;

  it.each(yamlBlocks.filter((block) => !("name" in block)).map((block) => [Object.keys(block).join(", "), block]))(
    "its %s fragment is valid inside the full example",
    (_keys, fragment) => {
      expect(() => parseScenario("README.md", deepMerge(fullExample, fragment), "")).not.toThrow();
    },
  );

  it("its scenario example is valid and runs", async () => {
    const scenario = parseScenario("README.md", fullExample, "");
    expect(scenario.topology.services.map((s) => s.name)).toEqual(["frontend", "orders", "postgres", "payments-api"]);
    const document = await runScenario(
      { scenario, meshes: ["none"], mtls: "off", rates: [300], durationS: 2, warmupS: 0.5, replications: 1, seed: 1 },
      { workers: 1 },
    );
    expect(document.runs[0].requests.completed).toBeGreaterThan(400);
  });

  it.each(fullExamples.map((block, index) => [index, block]))("full example %i runs under istio with what the text says", async (_index, block) => {
    const scenario = parseScenario("README.md", block, "");
    const document = await runScenario(
      { scenario, meshes: ["istio"], mtls: "strict", rates: [scenario.load.ratePerSec], durationS: 2, warmupS: 0.5, replications: 1, seed: 1 },
      { workers: 1 },
    );
    const run = document.runs[0];
    const permissiveEdge = scenario.topology.services.some((service) => service.mtls === "permissive");
    // The strict-mTLS example: its permissive edge keeps every request working.
    if (!scenario.load.client.meshed && !permissiveEdge) expect(run.requests.failedByReason["mtls-plaintext-refused"]).toBeGreaterThan(0);
    else expect(run.requests.failed).toBe(0);
  });
});
