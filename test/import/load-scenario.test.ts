// loadScenario's files a scenario names (trafficConfig): read inside the scenario's own folder,
// refused outside it (.., absolute paths, symlinks out) unless allowOutsideFiles says otherwise.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../src/import/index.js";
import { scenarioErrorOf } from "../scenario/_scenario-error-of.js";

const root = mkdtempSync(join(tmpdir(), "meshsim-outside-files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SECRET = "kind: TrafficSplit # a secret the message must not show";
const SPLIT = `apiVersion: split.smi-spec.io/v1alpha2
kind: TrafficSplit
metadata: { name: cart-canary }
spec:
  service: cart
  backends:
    - { service: cart, weight: 75 }
    - { service: cart-v2, weight: 25 }
`;
const folder = join(root, "pull-request");
mkdirSync(join(folder, "rules"), { recursive: true });
writeFileSync(join(root, "outside.yaml"), `${SPLIT}# ${SECRET}\n`);
writeFileSync(join(folder, "rules", "split.yaml"), SPLIT);
symlinkSync(join(root, "outside.yaml"), join(folder, "link.yaml"));

/** A scenario in the pull request's folder whose trafficConfig names `files`. */
function scenarioNaming(...files: string[]): string {
  const path = join(folder, "shop.yaml");
  writeFileSync(
    path,
    `name: shop
services:
  - { name: web, concurrency: 16, serviceTime: { type: exponential, meanMs: 1 } }
  - { name: cart, labels: { app: cart, version: v1 }, concurrency: 16, serviceTime: { type: exponential, meanMs: 1 } }
  - { name: cart-v2, labels: { app: cart, version: v2 }, concurrency: 16, serviceTime: { type: exponential, meanMs: 1 } }
requestTypes:
  - { name: buy, entry: web, calls: [{ call: cart }] }
load: { type: open, ratePerSec: 200, durationS: 2 }
trafficConfig: ${JSON.stringify(files)}
`,
  );
  return path;
}

describe("loadScenario(a scenario whose trafficConfig names files)", () => {
  it("reads a file inside the scenario's folder (a subfolder too)", () => {
    const scenario = loadScenario(scenarioNaming("rules/split.yaml"));
    expect(scenario.imports?.map((file) => file.file)).toEqual([join(folder, "rules", "split.yaml")]);
  });

  it.each([
    ["a path up and out", "../outside.yaml"],
    ["an absolute path", join(root, "outside.yaml")],
    ["a symlink inside that leads out", "link.yaml"],
    ["the folder's parent itself", ".."],
  ])("refuses %s, naming the field and the path as written, never the file's content", (_case, written) => {
    const error = scenarioErrorOf(() => loadScenario(scenarioNaming("rules/split.yaml", written)));
    expect(error.field).toBe("trafficConfig[1]");
    expect(error.message).toBe(`${join(folder, "shop.yaml")}: trafficConfig[1] names ${JSON.stringify(written)}, outside the scenario's folder; only --allow-outside-files lets a scenario read files there`);
    expect(error.message).not.toContain("secret");
  });

  it("regression: a file it names that does not exist is refused naming the field and where it was looked for, not as a bare path", () => {
    const error = scenarioErrorOf(() => loadScenario(scenarioNaming("rules/split.yaml", "rules/nope.yaml")));
    expect(error.field).toBe("trafficConfig[1]");
    expect(error.message).toBe(`${join(folder, "shop.yaml")}: trafficConfig[1] names "rules/nope.yaml", which does not exist (${join(folder, "rules", "nope.yaml")}: paths are relative to the scenario's folder)`);
  });

  it("reads them with allowOutsideFiles", () => {
    const scenario = loadScenario(scenarioNaming("../outside.yaml"), { allowOutsideFiles: true });
    expect(scenario.imports?.map((file) => file.file)).toEqual([join(folder, "../outside.yaml")]);
  });

  it("leaves files given by the caller alone (a flag is the user's own choice)", () => {
    const scenario = loadScenario(scenarioNaming(), { trafficConfig: [join(root, "outside.yaml")] });
    expect(scenario.imports?.map((file) => file.file)).toEqual([join(root, "outside.yaml")]);
  });
});
