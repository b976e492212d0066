// Scenario names from the names traces and manifests use: valid, and unique.

import { describe, expect, it } from "vitest";
import { NameRegistry, toScenarioName } from "../../../src/import/compose/scenario-names.js";

describe("scenario names", () => {
  it.each([
    ["Frontend Service", "frontend-service"],
    ["GET /api/cart/{id}", "get-api-cart-id"],
    ["api.stripe.com", "api.stripe.com"],
    ["--", "unnamed"],
  ])("toScenarioName(%j) is %j", (raw, name) => {
    expect(toScenarioName(raw)).toBe(name);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/);
  });

  it("keeps names unique, and never hands out the load generator's", () => {
    const names = new NameRegistry();
    expect([names.nameOf("Cart"), names.nameOf("cart"), names.nameOf("Cart"), names.nameOf("load-generator")]).toEqual(["cart", "cart-2", "cart", "load-generator-2"]);
  });
});
