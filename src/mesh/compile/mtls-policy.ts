/**
 * Whether a connection between two pods is plaintext, mutual TLS, or refused, following the
 * mesh's rules: mTLS needs a mesh proxy at both ends; a meshed server in permissive mode also
 * accepts plaintext from unmeshed clients, in strict mode it refuses it.
 */

import type { MtlsMode, SecurityProfile } from "../model/index.js";

export const TLS_PLAIN = 0;
export const TLS_MUTUAL = 1;
export const TLS_REFUSED = 2;

export interface ConnectionEnds {
  callerMeshed: boolean;
  calleeMeshed: boolean;
  /** Both ends are mesh proxies able to speak mTLS to each other. */
  betweenProxies: boolean;
}

/**
 * TLS_PLAIN, TLS_MUTUAL or TLS_REFUSED for a connection to a server in mode `mode`.
 * @example mtlsStateOf(istio.security, "strict", { callerMeshed: false, calleeMeshed: true, betweenProxies: false }) // TLS_REFUSED
 */
export function mtlsStateOf(security: SecurityProfile | undefined, mode: MtlsMode, ends: ConnectionEnds): number {
  if (security === undefined || mode === "off" || !ends.calleeMeshed) return TLS_PLAIN;
  if (ends.betweenProxies) return TLS_MUTUAL;
  if (!ends.callerMeshed && mode === "strict") return TLS_REFUSED;
  return TLS_PLAIN;
}
