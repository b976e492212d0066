import { describe, expect, it } from "vitest";
import { checkTelemetrySupport, UnsupportedSettingError } from "../../../src/mesh/index.js";
import { loadMeshProfile, meshIds } from "../../../src/scenario/index.js";

describe("checkTelemetrySupport", () => {
  it("refuses trace sampling above 0 on cilium, naming the field and why", () => {
    const cilium = loadMeshProfile("cilium");
    expect(() => checkTelemetrySupport(cilium, { tracing: { sampling: 0.5 } })).toThrow(UnsupportedSettingError);
    expect(() => checkTelemetrySupport(cilium, { tracing: { sampling: 0.5 } })).toThrow("mesh cilium cannot express mesh.telemetry.tracing.sampling: 0.5: its node Envoy and Hubble export flows, not trace spans");
  });

  it.each([[{}], [{ tracing: { sampling: 0 } }], [{ metrics: true, accessLogs: true }], [undefined]])("accepts %j on cilium", (request) => {
    expect(() => checkTelemetrySupport(loadMeshProfile("cilium"), request)).not.toThrow();
  });

  it("accepts every part on every mesh whose profile names nothing unsupported", () => {
    for (const id of meshIds().filter((mesh) => mesh !== "cilium")) {
      expect(() => checkTelemetrySupport(loadMeshProfile(id), { metrics: true, accessLogs: true, tracing: { sampling: 1 } }), id).not.toThrow();
    }
  });
});
