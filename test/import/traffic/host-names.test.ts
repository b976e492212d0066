// Tests for host-names.ts: Kubernetes host names to the scenario's short service names.

import { describe, expect, it } from "vitest";
import { isWildcardHost, shortHostName } from "../../../src/import/traffic/host-names.js";

const services = new Set(["reviews", "ratings"]);

describe("shortHostName", () => {
  it.each([
    ["reviews", "reviews"],
    ["reviews.default.svc.cluster.local", "reviews"],
    ["reviews.prod.svc.cluster.local", "reviews"],
    ["reviews.prod.svc", "reviews"],
    ["reviews.prod.svc.corp.internal", "reviews"],
    ["reviews.prod", "reviews"],
    ["unknown.prod", "unknown.prod"],
    ["example.com", "example.com"],
    ["api.example.com", "api.example.com"],
  ])("shortHostName(%s) is %s", (host, short) => {
    expect(shortHostName(host, services)).toBe(short);
  });

  it("keeps a dotted name that is itself a service", () => {
    expect(shortHostName("reviews.prod", new Set(["reviews", "reviews.prod"]))).toBe("reviews.prod");
  });
});

describe("isWildcardHost", () => {
  it.each([
    ["*", true],
    ["*.example.com", true],
    ["reviews", false],
  ])("isWildcardHost(%s) is %s", (host, wildcard) => {
    expect(isWildcardHost(host)).toBe(wildcard);
  });
});
