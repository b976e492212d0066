import { describe, expect, it } from "vitest";
import { checkEncryptionSupport, nodeEncryptionCost, UnsupportedSettingError } from "../../../src/mesh/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

describe("node-to-node encryption (mesh.encryption)", () => {
  it.each(["wireguard", "ipsec"] as const)("cilium encrypts with %s, at its profile's cost", (method) => {
    const cilium = loadMeshProfile("cilium");
    expect(() => checkEncryptionSupport(cilium, method)).not.toThrow();
    expect(nodeEncryptionCost(cilium, method)).toEqual(cilium.security!.transparentEncryption![method]);
  });

  it.each([
    ["istio", "it encrypts with mTLS; use --mtls strict"],
    ["istio-ambient", "it encrypts with mTLS; use --mtls strict"],
    ["linkerd1", "it encrypts with mTLS; use --mtls strict"],
    ["linkerd2", "it encrypts with mTLS; use --mtls strict"],
    ["consul", "it encrypts with mTLS; use --mtls strict"],
    ["kuma", "it encrypts with mTLS; use --mtls strict"],
    ["osm", "it encrypts with mTLS; use --mtls strict"],
    ["traefik-mesh", "it has no encryption"],
  ])("%s refuses it: %s", (id, detail) => {
    const error = (() => {
      try {
        checkEncryptionSupport(loadMeshProfile(id), "wireguard");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UnsupportedSettingError);
    expect((error as Error).message).toBe(`mesh ${id} cannot express mesh.encryption: wireguard: ${detail}`);
  });

  it("a method the profile lacks is refused naming the ones it has", () => {
    const profile = loadMeshProfile("cilium");
    const { wireguard } = profile.security!.transparentEncryption!;
    const cilium = { ...profile, security: { ...profile.security!, transparentEncryption: { wireguard } } };
    expect(() => checkEncryptionSupport(cilium, "ipsec")).toThrow("mesh cilium cannot express mesh.encryption: ipsec: it supports wireguard");
  });

  it("none is always fine, and the no-mesh baseline ignores encryption as it ignores mTLS", () => {
    expect(() => checkEncryptionSupport(loadMeshProfile("istio"), "none")).not.toThrow();
    expect(() => checkEncryptionSupport(loadMeshProfile("none"), "ipsec")).not.toThrow();
    expect(nodeEncryptionCost(loadMeshProfile("cilium"), "none")).toBeUndefined();
    expect(nodeEncryptionCost(loadMeshProfile("istio"), "wireguard")).toBeUndefined();
  });
});
