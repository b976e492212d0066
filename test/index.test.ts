// meshsim as a library: the package entry loads a scenario and runs it, in this process and as
// another package would import it (by name, through package.json "exports", with type declarations).

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, planRun, runScenario } from "../src/index.js";

const ROOT = join(import.meta.dirname, "..");

describe("the library entry", () => {
  it("loadScenario, planRun and runScenario give the results document meshsim run gives", async () => {
    const plan = planRun(loadScenario("fortio"), { meshes: ["none", "istio"], durationS: 0.5, warmupS: 0.1, replications: 1 });
    expect(plan).toMatchObject({ meshes: ["none", "istio"], rates: [1000], replications: 1, seed: 1 });
    const document = await runScenario(plan, { workers: 1 });
    expect(document.runs.map((run) => run.mesh)).toEqual(["none", "istio"]);
    expect(document.runs[1].requests.completed).toBeGreaterThan(0);
  });

  it("planRun with every mesh leaves out those that cannot express the settings, as run --mesh all does", () => {
    const plan = planRun(loadScenario("fortio"), { mtls: "strict" });
    expect(plan.meshes).not.toContain("traefik-mesh");
    expect(plan.skippedMeshes?.map((entry) => entry.mesh)).toEqual(["traefik-mesh"]);
  });

  it("another package imports it by name, with type declarations (after npm run build)", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest.exports["."]).toEqual({ types: "./dist/src/index.d.ts", default: "./dist/src/index.js" });
    const declarations = readFileSync(join(ROOT, manifest.types), "utf8");
    for (const name of ["loadScenario", "runScenario", "planRun", "ResultsDocument"]) expect(declarations).toContain(name);
    expect(existsSync(join(ROOT, "dist/src/runner/run-scenario.d.ts"))).toBe(true);
    const script = 'const m = await import("meshsim"); const d = await m.runScenario(m.planRun(m.loadScenario("fortio"), { meshes: ["none"], durationS: 0.2, warmupS: 0, replications: 1 }), { workers: 1 }); console.log(d.runs[0].mesh, d.runs[0].requests.completed > 0);';
    expect(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" }).trim()).toBe("none true");
  });
});
