import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/import/index.js";
import { loadMeshProfile } from "../../src/scenario/index.js";
import { scenarioErrorOf } from "./_scenario-error-of.js";

const scenarioWith = (mesh: object) => ({
  name: "o",
  services: [{ name: "a", serviceTime: { type: "constant", valueMs: 1 } }],
  requestTypes: [{ name: "r", entry: "a" }],
  load: { type: "open", ratePerSec: 1 },
  mesh,
});

describe("loadMeshProfile", () => {
  it("merges overrides key by key, leaving the rest of the profile as it was", () => {
    const base = loadMeshProfile("istio");
    const tuned = loadMeshProfile("istio", { file: "s.yaml", values: { dataPlane: { proxy: { workers: 4 } } } });
    expect(tuned.dataPlane?.proxy?.workers).toBe(4);
    expect(tuned.dataPlane?.proxy?.pathMsPerPass).toEqual(base.dataPlane?.proxy?.pathMsPerPass);
  });

  it("names the scenario's override field when an override is invalid", () => {
    const error = scenarioErrorOf(() => loadMeshProfile("istio", { file: "s.yaml", values: { dataPlane: { proxy: { workers: 0 } } } }));
    expect(error.message).toBe("s.yaml: mesh.overrides.istio.dataPlane.proxy.workers must be at least 1, got 0");
  });

  it.each([
    [{ workers: 1e9 }, "dataPlane.proxy.workers must be at most 1024, got 1000000000"],
    [{ pathCv: 1e300 }, "dataPlane.proxy.pathCv must be at most 10, got 1e+300"],
    [{ pathMsPerPass: { http1: 1e300, http2: 1, grpc: 1, tcp: 1 } }, "dataPlane.proxy.pathMsPerPass.http1 must be at most 86400000, got 1e+300"],
    [{ connectionCpuMs: 1e300 }, "dataPlane.proxy.connectionCpuMs must be at most 86400000, got 1e+300"],
  ])("regression: an override past what a run can hold (%j) is refused naming it", (proxy, problem) => {
    const error = scenarioErrorOf(() => loadMeshProfile("istio", { file: "s.yaml", values: { dataPlane: { proxy } } }));
    expect(error.message).toBe(`s.yaml: mesh.overrides.istio.${problem}`);
  });

  // Regression: the schema lets any string through as a quantity, and the proxies' parser then threw
  // while a run built them: exit 1, an internal error, with no field named.
  it.each([
    [{ cpuLimit: "abc" }, 'dataPlane.proxy.resources.cpuLimit must be a number of vCPU or a Kubernetes CPU quantity such as "500m" or "2", got "abc"'],
    [{ cpuLimit: "0" }, 'dataPlane.proxy.resources.cpuLimit must be greater than 0, got "0": a container without a limit leaves cpuLimit out'],
    [{ memoryRequestMb: "64m" }, 'dataPlane.proxy.resources.memoryRequestMb must be a number of MB or a Kubernetes memory quantity such as "128Mi" or "1Gi", got "64m" (thousandths of a byte: its suffix is milli, micro or nano; mebibytes are Mi)'],
  ])("an override's quantity %j that no parser reads is refused naming it", (resources, problem) => {
    const error = scenarioErrorOf(() => loadMeshProfile("istio", { file: "s.yaml", values: { dataPlane: { proxy: { resources } } } }));
    expect(error.message).toBe(`s.yaml: mesh.overrides.istio.${problem}`);
  });

  it("a scenario's overrides are checked when it loads", () => {
    const error = scenarioErrorOf(() => parseScenario("s.yaml", scenarioWith({ overrides: { istio: { dataPlane: { proxy: { wokers: 4 } } } } }), ""));
    expect(error.message).toBe("s.yaml: mesh.overrides.istio.dataPlane.proxy.wokers is not a known field (did you mean workers?)");
  });

  it("an override for an unknown mesh names it", () => {
    const error = scenarioErrorOf(() => parseScenario("s.yaml", scenarioWith({ overrides: { istoi: {} } }), ""));
    expect(error.message).toMatch(/^s\.yaml: mesh\.overrides names unknown mesh istoi \(did you mean istio\?\)/);
  });
});
