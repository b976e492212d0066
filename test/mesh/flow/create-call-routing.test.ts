import { describe, expect, it } from "vitest";
import { SYNTHETIC_TRAFFIC_MESH } from "../../../src/validation/_synthetic-mesh.js";
import { constant, latencyOfOneRequest, NO_MESH } from "./_one-request.js";

const services = [{ name: "a", serviceTime: constant(1) }, { name: "b", serviceTime: constant(1) }];

describe("createCallRouting", () => {
  it("without a mesh's traffic layer, calls go straight to a pod: no traffic control, and they are served", () => {
    const { flow, latencies } = latencyOfOneRequest(services, [{ call: "b" }], 0, 3, 1000, NO_MESH);
    expect(flow.traffic).toBeUndefined();
    expect(latencies).toHaveLength(3);
  });

  it("under a mesh whose proxies apply traffic defaults, a traffic control routes the meshed callers' calls", () => {
    const { flow, latencies } = latencyOfOneRequest(services, [{ call: "b" }], 0, 3, 1000, SYNTHETIC_TRAFFIC_MESH, true);
    expect(flow.traffic).toBeDefined();
    expect(latencies).toHaveLength(3);
  });
});
