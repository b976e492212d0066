import { describe, expect, it } from "vitest";
import { runScenario, type RunSummary } from "../../../src/runner/index.js";
import { securityWarnings } from "../../../src/runner/summary/security-warnings.js";
import { parseScenario } from "../../../src/import/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

const CLEAR_TEXT = "mutual authentication without encryption: traffic between nodes is in clear text; set mesh.encryption";

function run(mtls: RunSummary["mtls"]): RunSummary {
  return { mtls, requests: { completed: 10, failed: 0, failedByReason: {} } } as unknown as RunSummary;
}

describe("securityWarnings", () => {
  it("under Cilium, strict mTLS without encryption says traffic between nodes is in clear text", () => {
    expect(securityWarnings(run("strict"), loadMeshProfile("cilium"), { strict: true, encryption: "none" })).toContain(CLEAR_TEXT);
  });

  it.each([
    ["cilium with WireGuard", "cilium", true, "wireguard"],
    ["cilium with IPsec", "cilium", true, "ipsec"],
    ["cilium without strict mTLS", "cilium", false, "none"],
    ["istio, whose mTLS encrypts", "istio", true, "none"],
    ["linkerd2, whose mTLS encrypts", "linkerd2", true, "none"],
  ] as const)("says nothing of clear text for %s", (_what, id, strict, encryption) => {
    expect(securityWarnings(run(strict ? "strict" : "off"), loadMeshProfile(id), { strict, encryption })).not.toContain(CLEAR_TEXT);
  });

  it.each([
    ["istio", true],
    ["consul", true],
    ["osm", false],
    ["linkerd2", false],
  ] as const)("refused plaintext under %s offers the mesh's own ingress gateway only if a run can use one: %s", (id, offered) => {
    const refused = { mtls: "strict", requests: { completed: 0, failed: 5, failedByReason: { "mtls-plaintext-refused": 5 } } } as unknown as RunSummary;
    const [warning] = securityWarnings(refused, loadMeshProfile(id), { strict: true, encryption: "none" });
    expect(warning.includes(`enter through ${id}'s ingress gateway (load.ingress: gateway)`)).toBe(offered);
  });

  it("a service in strict mode counts, in a run whose own mode is off", async () => {
    const scenario = parseScenario(
      "s.yaml",
      {
        name: "s",
        services: [{ name: "front", mtls: "strict", serviceTime: { type: "exponential", meanMs: 1 } }],
        requestTypes: [{ name: "r", entry: "front" }],
        load: { type: "open", ratePerSec: 50, client: { meshed: true } },
      },
      "",
    );
    const document = await runScenario(
      { scenario, meshes: ["cilium"], mtls: "off", rates: [50], durationS: 1, warmupS: 0.2, replications: 1, seed: 1 },
      { workers: 1 },
    );
    expect(document.runs[0].warnings).toContain(CLEAR_TEXT);
  });
});
