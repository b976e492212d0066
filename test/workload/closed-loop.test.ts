import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/index.js";
import { ClosedLoop, type RequestSink } from "../../src/workload/index.js";

describe("ClosedLoop", () => {
  it("each user alternates think time and request, so throughput = users / (think + response)", () => {
    const sim = new Simulation();
    const sendTimes: Array<[number, number]> = [];
    let workload: ClosedLoop | undefined;
    const done = sim.on("done", (user) => workload!.requestDone(user));
    const sink: RequestSink = {
      startRequest: (_type, intendedStartMs, user) => {
        sendTimes.push([user, intendedStartMs]);
        sim.schedule(3, done, user);
      },
    };
    workload = new ClosedLoop(sim, sink, { users: 2, thinkTime: () => 7, nextRequestType: () => 0, endMs: 100 });
    workload.start();
    sim.run();
    // Each user sends at 7, 17, ..., 97: ten requests each.
    expect(sendTimes.filter(([user]) => user === 0).map(([, t]) => t)).toEqual([7, 17, 27, 37, 47, 57, 67, 77, 87, 97]);
    expect(sendTimes).toHaveLength(20);
  });

  it("rejects a user count that is not a positive integer", () => {
    const sim = new Simulation();
    const sink: RequestSink = { startRequest: () => {} };
    expect(() => new ClosedLoop(sim, sink, { users: 0, thinkTime: () => 1, nextRequestType: () => 0, endMs: 1 })).toThrow(
      "closed loop users must be a positive integer, got 0",
    );
  });
});
