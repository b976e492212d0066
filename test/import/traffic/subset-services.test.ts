// Tests for subset-services.ts: which scenario service stands for a DestinationRule subset.

import { describe, expect, it } from "vitest";
import { serviceForSubset, servicesOfApp } from "../../../src/import/traffic/subset-services.js";
import { SERVICES } from "./_traffic-fixtures.js";

describe("serviceForSubset", () => {
  it("takes the one service whose labels contain the subset's", () => {
    expect(serviceForSubset("reviews", "v2", { app: "reviews", version: "v2" }, SERVICES)).toEqual({ service: "reviews-v2", how: "labels app=reviews,version=v2" });
  });

  it("narrows labels several services share to the one of the host's app", () => {
    // version=v1 is on productpage, details, ratings and reviews-v1.
    expect(serviceForSubset("reviews", "v1", { version: "v1" }, SERVICES)).toMatchObject({ service: "reviews-v1" });
    expect(serviceForSubset("ratings", "v1", { version: "v1" }, SERVICES)).toMatchObject({ service: "ratings" });
  });

  it("falls back to the service named <host>-<subset> when no service has the labels", () => {
    const services = [{ name: "cart-canary" }, { name: "cart-stable" }];
    expect(serviceForSubset("cart", "canary", { track: "canary" }, services)).toEqual({ service: "cart-canary", how: "name" });
    expect(serviceForSubset("cart", "stable", undefined, services)).toEqual({ service: "cart-stable", how: "name" });
  });

  it("says what it looked for when nothing matches", () => {
    expect(serviceForSubset("reviews", "v9", { version: "v9" }, SERVICES)).toEqual({
      problem: "no service of the scenario has labels version=v9, and no service is named reviews-v9 (did you mean reviews-v1?)",
    });
  });

  it("refuses labels that match several services of the host alike", () => {
    const services = [
      { name: "web-a", labels: { app: "web", tier: "front" } },
      { name: "web-b", labels: { app: "web", tier: "front" } },
    ];
    expect(serviceForSubset("web", "front", { tier: "front" }, services)).toEqual({
      problem: "its labels tier=front match services web-a, web-b alike; give them labels that tell them apart",
    });
  });
});

describe("servicesOfApp", () => {
  it("lists the services whose labels.app is the host", () => {
    expect(servicesOfApp("reviews", SERVICES)).toEqual(["reviews-v1", "reviews-v2", "reviews-v3"]);
    expect(servicesOfApp("nothing", SERVICES)).toEqual([]);
  });
});
