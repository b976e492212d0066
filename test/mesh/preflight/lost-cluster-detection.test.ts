/**
 * How long Linkerd's service mirror takes to mark a lost cluster's endpoints not ready: failing
 * probes that each wait their timeout, half a period to the first tick and between probes.
 */

import { describe, expect, it } from "vitest";
import { gatewayProbeDetectionMs } from "../../../src/mesh/preflight/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

describe("gatewayProbeDetectionMs", () => {
  it.each([
    // Linkerd's defaults: 1.5 s to the first tick, three 30 s timeouts, 1.5 s to the tick after each of the first two.
    [{ periodS: 3, timeoutS: 30, failureThreshold: 3 }, 94_500],
    // A timeout shorter than the period: the probes start a period apart.
    [{ periodS: 10, timeoutS: 1, failureThreshold: 3 }, 5_000 + 1_000 + 2 * 10_000],
    [{ periodS: 3, timeoutS: 30, failureThreshold: 1 }, 31_500],
  ])("gatewayProbeDetectionMs(%o) is %d ms", (probe, expected) => {
    expect(gatewayProbeDetectionMs(probe)).toBe(expected);
  });

  it("reads linkerd2's gateway mode probe from its profile (period 3 s, timeout 30 s, 3 failures)", () => {
    const probe = loadMeshProfile("linkerd2").multiCluster!.modes.gateway.gatewayProbe!;
    expect(gatewayProbeDetectionMs(probe)).toBe(94_500);
  });

  it("no other mesh's mode probes a gateway: their control planes keep a lost cluster's endpoints", () => {
    for (const id of ["istio", "istio-ambient", "cilium", "consul", "kuma", "linkerd1"]) {
      const modes = loadMeshProfile(id).multiCluster!.modes;
      for (const [name, mode] of Object.entries(modes)) expect(mode.gatewayProbe, `${id} ${name}`).toBeUndefined();
    }
    expect(loadMeshProfile("linkerd2").multiCluster!.modes.flat.gatewayProbe).toBeUndefined();
    expect(loadMeshProfile("linkerd2").multiCluster!.modes.federated.gatewayProbe).toBeUndefined();
  });
});
