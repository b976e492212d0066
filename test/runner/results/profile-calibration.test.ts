// calibrationOf reads a profile's sources: a headline number is calibrated when its source
// cites a measurement or a fit to one, an estimate when the source says so.

import { describe, expect, it } from "vitest";
import { calibrationOf } from "../../../src/runner/index.js";
import { loadMeshProfile, meshIds } from "../../../src/scenario/index.js";

const statuses = (id: string) => {
  const calibration = calibrationOf(loadMeshProfile(id));
  return [calibration.latency?.status, calibration.cpu?.status, calibration.memory?.status];
};

describe("calibrationOf", () => {
  it.each([
    ["istio", ["calibrated", "calibrated", "calibrated"]],
    ["osm", ["estimate", "estimate", "estimate"]],
    ["kuma", ["estimate", "calibrated", "calibrated"]],
    ["cilium", ["estimate", "estimate", "estimate"]],
  ])("%s: latency, CPU and memory are %j", (id, expected) => {
    expect(statuses(id)).toEqual(expected);
  });

  it.each(meshIds().filter((id) => id !== "none"))("%s: every status agrees with its source's first word", (id) => {
    const profile = loadMeshProfile(id);
    for (const entry of Object.values(calibrationOf(profile))) {
      const source = profile.sources![entry.field];
      expect(entry.status === "estimate").toBe(/^estimate\b/i.test(source.trim()));
      expect(source.replace(/\s+/g, " ").startsWith(entry.source.replace(/…$/, ""))).toBe(true);
    }
  });

  it("the baseline has no numbers to rate", () => {
    expect(calibrationOf(loadMeshProfile("none"))).toEqual({});
  });
});
