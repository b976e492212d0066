/**
 * What a mutual TLS handshake costs: round trips by protocol version (TL3) and the CPU of the
 * signatures each side computes, by key type (TL1: `openssl speed` on a Ryzen 7 3700X). In a
 * mutual TLS 1.3 handshake each side signs its CertificateVerify once and verifies the peer's
 * CertificateVerify and the peer's certificate (one CA signature): one sign, two verifies.
 */

/** Milliseconds per signature operation, TL1 (1 / operations per second). */
const SIGN_MS: Record<string, number> = {
  // TL1: ECDSA P-256 56,028 sign/s, 17,850 verify/s; RSA-2048 1,985 sign/s, 68,152 verify/s.
  "ecdsa-p256": 1000 / 56_028,
  "rsa-2048": 1000 / 1_985,
};
const VERIFY_MS: Record<string, number> = {
  "ecdsa-p256": 1000 / 17_850,
  "rsa-2048": 1000 / 68_152,
};

/**
 * Key exchange and key schedule on a resumed (PSK) handshake: no signatures.
 * Estimate: one X25519 scalar multiplication per side is ~0.05 ms on a server core; not in
 * models/SOURCES.md.
 */
export const RESUMED_HANDSHAKE_CPU_MS = 0.05;

/** Round trips a new connection costs before the request can go: TCP, then TLS (TL3). */
export function connectRoundTrips(handshake: "tls13" | "tls12" | "none", tls: boolean): number {
  const tcp = 1;
  if (!tls || handshake === "none") return tcp;
  return tcp + (handshake === "tls12" ? 2 : 1);
}

/**
 * CPU one side of a full mutual handshake spends on signatures, ms.
 * @throws RangeError for a key type with no published figure
 * @example fullHandshakeCpuMs("ecdsa-p256") // ~0.13: one sign (0.018) + two verifies (0.056 each)
 */
export function fullHandshakeCpuMs(keyType: string): number {
  const sign = SIGN_MS[keyType];
  const verify = VERIFY_MS[keyType];
  if (sign === undefined || verify === undefined) {
    throw new RangeError(`no handshake cost for key type ${keyType} (known: ${Object.keys(SIGN_MS).join(", ")})`);
  }
  return sign + 2 * verify;
}
