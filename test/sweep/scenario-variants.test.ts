import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtInScenarioPath } from "../../src/scenario/index.js";
import { ScenarioError } from "../../src/scenario/index.js";
import { loadScenarioVariants } from "../../src/sweep/index.js";

describe("loadScenarioVariants", () => {
  it("without settings is the scenario as loaded", () => {
    const [variant] = loadScenarioVariants("fortio", []);
    expect(variant.parameters).toBeUndefined();
    expect(variant.scenario.name).toBe("fortio");
  });

  it("runs every combination, the first setting varying slowest, each re-validated", () => {
    const variants = loadScenarioVariants("fortio", [
      { path: "load.durationS", values: [1, 2] },
      { path: "services.fortioserver.concurrency", values: [2, 4] },
    ]);
    expect(variants.map((variant) => variant.parameters)).toEqual([
      { "load.durationS": 1, "services.fortioserver.concurrency": 2 },
      { "load.durationS": 1, "services.fortioserver.concurrency": 4 },
      { "load.durationS": 2, "services.fortioserver.concurrency": 2 },
      { "load.durationS": 2, "services.fortioserver.concurrency": 4 },
    ]);
    expect(variants.map((variant) => variant.scenario.load.durationS)).toEqual([1, 1, 2, 2]);
    expect(variants[1].scenario.sha256).toBe(variants[0].scenario.sha256);
  });

  it("a value the scenario refuses is a ScenarioError naming the field and the --set", () => {
    const attempt = () => loadScenarioVariants("fortio", [{ path: "services.0.replicas", values: [0] }]);
    expect(attempt).toThrow(ScenarioError);
    expect(attempt).toThrow(/^fortio\.yaml: services\[0\]\.replicas .* \(with --set services\.0\.replicas=0\)$/);
  });

  it("--set mesh.encryption reaches the scenario's mesh block", () => {
    const file = join(mkdtempSync(join(tmpdir(), "meshsim-variants-")), "fortio.yaml");
    writeFileSync(file, `${readFileSync(builtInScenarioPath("fortio")!, "utf8")}\nmesh:\n  ids: [cilium]\n`);
    const variants = loadScenarioVariants(file, [{ path: "mesh.encryption", values: ["none", "wireguard", "ipsec"] }]);
    expect(variants.map((variant) => variant.scenario.mesh.encryption)).toEqual(["none", "wireguard", "ipsec"]);
  });

  it("a path that is not in the document is a RangeError naming it", () => {
    expect(() => loadScenarioVariants("fortio", [{ path: "services.3.replicas", values: [1] }])).toThrow(
      new RangeError("services.3 is not in the scenario (1 entries: use an index from 0 or a name)"),
    );
  });
});
