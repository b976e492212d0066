import { describe, expect, it } from "vitest";
import { constantProxy, profileOf, runOneCall } from "./_one-call.js";

const sidecarMesh = profileOf("sidecar", { proxy: constantProxy(0.1), redirectMsPerPass: 0.005 });

describe("sidecar data plane", () => {
  it("a meshed-to-meshed call passes both sidecars twice (request and response), each after a redirect", () => {
    const { latencies, groups } = runOneCall({ profile: sidecarMesh });
    // 2 x 0.1 network + 1 work + 4 passes x (0.1 + 0.005 redirect).
    expect(latencies[0]).toBeCloseTo(0.2 + 1 + 4 * 0.105, 12);
    expect(groups).toEqual(["app/server", "sidecar/load-generator", "sidecar/server"]);
  });

  it("an unmeshed caller skips its own sidecar but still passes the server's", () => {
    const { latencies, groups } = runOneCall({ profile: sidecarMesh, clientMeshed: false });
    expect(latencies[0]).toBeCloseTo(0.2 + 1 + 2 * 0.105, 12);
    expect(groups).toEqual(["app/server", "sidecar/server"]);
  });

  it("a proxy path longer than its CPU delays the call without holding the worker", () => {
    const jvm = profileOf("sidecar", { proxy: constantProxy(1, 0.2), redirectMsPerPass: 0 });
    const { latencies } = runOneCall({ profile: jvm, clientMeshed: false, requests: 2 });
    // Each pass holds the worker 0.1 ms but takes 1 ms. The second request finds the warm
    // connection busy (HTTP/1.1) and opens another (+0.2 round trip), by which time the worker
    // is free again: it never queues behind the first request's 1 ms pass.
    expect(latencies[0]).toBeCloseTo(0.2 + 1 + 2, 12);
    expect(latencies[1]).toBeCloseTo(0.2 + 0.2 + 1 + 2, 12);
  });

  it("a protocol the proxy does not intercept (zero cost) bypasses the sidecars", () => {
    const proxy = constantProxy(0.1);
    const tcpBypass = profileOf("sidecar", { proxy: { ...proxy, pathMsPerPass: { ...proxy.pathMsPerPass, http1: 0 }, cpuMsPerRequest: { ...proxy.cpuMsPerRequest, http1: 0 } } });
    const { latencies } = runOneCall({ profile: tcpBypass });
    expect(latencies[0]).toBeCloseTo(1.2, 12);
  });

  it("an unmeshed server has no sidecar", () => {
    const { latencies } = runOneCall({ profile: sidecarMesh, clientMeshed: false, serverMeshed: false });
    expect(latencies[0]).toBeCloseTo(1.2, 12);
  });

  it("a sidecar's worker stays busy for the request's CPU, so later requests queue behind it", () => {
    const busy = profileOf("sidecar", { proxy: constantProxy(0.1, 2), redirectMsPerPass: 0 });
    const { latencies, stations } = runOneCall({ profile: busy, clientMeshed: false, requests: 2 });
    // The server sidecar has one worker, busy 1 ms per pass (0.1 on the path + 0.9 after):
    // request passes at 0.1-0.2 and 1.1-1.2 (the second waits for the first's after-work),
    // response passes at 2.1-2.2 and 3.1-3.2; each response then crosses the network (0.1).
    expect(latencies[0]).toBeCloseTo(2.3, 12);
    expect(latencies[1]).toBeCloseTo(3.3, 12);
    const sidecar = stations[1].stats();
    expect(sidecar.workerMs).toBeCloseTo(4, 12);
  });
});
