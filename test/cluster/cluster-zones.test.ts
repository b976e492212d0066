/**
 * Zones of nodes and of replicas: replicas per zone keep to their zones, the others follow the
 * nodes they were placed on.
 */

import { describe, expect, it } from "vitest";
import { replicaZones, zoneOfNodes } from "../../src/cluster/index.js";

describe("replicaZones", () => {
  it.each([
    { service: { zoneReplicas: [1, 2], placement: [0, 3, 4] }, nodeZone: [0, 0, 1, 1, 1], zones: [0, 1, 1] },
    // Without replicas per zone, each replica is in its node's zone.
    { service: { placement: [4, 0, 2] }, nodeZone: [0, 0, 1, 1, 2], zones: [2, 0, 1] },
  ])("replicaZones($service) is $zones", ({ service, nodeZone, zones }) => {
    expect(replicaZones(service, nodeZone)).toEqual(zones);
  });

  it("replicaZones() of replicas per zone ignores where the scheduler put them", () => {
    expect(replicaZones({ zoneReplicas: [0, 2], placement: [0, 0] }, zoneOfNodes(4, 2))).toEqual([1, 1]);
  });
});
