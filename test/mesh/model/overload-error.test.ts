// inFlightOverload: the in-flight guard's error names where the load piles up: the longest
// station queue, a node whose cores are shared by more threads than it has, or neither.

import { describe, expect, it } from "vitest";
import { inFlightOverload } from "../../../src/mesh/model/overload-error.js";

const stations = (lengths: number[]) => lengths.map((queueLength, i) => ({ name: `s${i}`, queueLength }));

describe("inFlightOverload", () => {
  it("names the longest queue", () => {
    const error = inFlightOverload(stations([0, 7, 3]), 100, 2500);
    expect(error.message).toBe("more than 100 calls in flight at t=2.5 s; longest queue: s1 with 7 waiting");
    expect(error.station).toBe("s1");
  });

  it("adds the node whose cores are oversubscribed, the cause of the queue", () => {
    const nodes = [
      { name: "node-0", cores: 4, runnable: 4 },
      { name: "node-1", cores: 1, runnable: 64 },
    ];
    const error = inFlightOverload(stations([0, 7]), 100, 0, nodes);
    expect(error.message).toBe("more than 100 calls in flight at t=0.0 s; longest queue: s1 with 7 waiting; node-1 runs 64 threads on its 1 vCPU");
  });

  it("regression: with no station queue it does not name a station with 0 waiting", () => {
    const error = inFlightOverload(stations([0, 0]), 100, 0);
    expect(error.message).toBe("more than 100 calls in flight at t=0.0 s; no station has a queue: the calls wait on connections, back-offs or delays");
    expect(error.station).toBe("in-flight");
    const onNode = inFlightOverload(stations([0]), 100, 0, [{ name: "node-0", cores: 2, runnable: 9 }]);
    expect(onNode.message).toBe("more than 100 calls in flight at t=0.0 s; node-0 runs 9 threads on its 2 vCPU");
    expect(onNode.station).toBe("node-0");
  });
});
