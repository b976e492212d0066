// Tests for retry-conditions.ts: Envoy, gRPC and status-code retry conditions onto the four the
// simulator knows, with what was approximated or dropped.

import { describe, expect, it } from "vitest";
import { ISTIO_DEFAULT_RETRY_ON, mapRetryConditions } from "../../../src/import/traffic/retry-conditions.js";

describe("mapRetryConditions", () => {
  it.each([
    [["5xx"], ["5xx"]],
    [["gateway-error", "connect-failure", "reset"], ["gateway-error", "connect-failure", "reset"]],
    [["reset-before-request"], ["reset"]],
    [["unavailable"], ["gateway-error"]],
    [["internal"], ["5xx"]],
    [["503"], ["gateway-error"]],
    [["502-504"], ["gateway-error"]],
    [["500"], ["5xx"]],
    [["500-504"], ["5xx"]],
    [["5xx", " 5xx", ""], ["5xx"]],
    [["cancelled", "refused-stream", "retriable-4xx"], []],
  ])("mapRetryConditions(%j).retryOn is %j", (conditions, retryOn) => {
    expect(mapRetryConditions(conditions).retryOn).toEqual(retryOn);
  });

  it("reports near matches with the condition they became", () => {
    const mapped = mapRetryConditions(["5xx", "unavailable", "503"]);
    expect(mapped.approximated.map(({ condition, as }) => `${condition}->${as}`)).toEqual(["unavailable->gateway-error", "503->gateway-error"]);
  });

  it("does not call a complete 502-504 range an approximation", () => {
    expect(mapRetryConditions(["502-504"]).approximated).toEqual([]);
  });

  it("drops conditions nothing simulated triggers, and 4xx codes, with a reason", () => {
    const mapped = mapRetryConditions(["refused-stream", "cancelled", "429"]);
    expect(mapped.unsimulated.map(({ condition }) => condition)).toEqual(["refused-stream", "cancelled", "429"]);
    expect(mapped.unsimulated[0].why).toBe("no simulated failure is a refused HTTP/2 stream");
  });

  it("collects words that are no condition at all", () => {
    expect(mapRetryConditions(["5xx", "sometimes", "700", "constructor"]).unknown).toEqual(["sometimes", "700", "constructor"]);
  });

  it("maps Istio's default retry policy to connect-failure and gateway-error", () => {
    expect(mapRetryConditions(ISTIO_DEFAULT_RETRY_ON).retryOn).toEqual(["connect-failure", "gateway-error"]);
  });
});
