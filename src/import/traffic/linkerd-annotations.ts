/**
 * Linkerd (2.16 and later) configures retries and timeouts of an HTTPRoute with annotations
 * (retry.linkerd.io/*, timeout.linkerd.io/*) rather than fields; they change traffic, so they
 * are read here instead of being ignored with the other annotations.
 */

import type { ManifestReader } from "./_manifest-reader.js";
import { readGoDuration, reportRetryMapping } from "./_rule-parts.js";
import type { RawRetries, RawRetryOn } from "../../scenario/index.js";
import { mapRetryConditions } from "./retry-conditions.js";

/** The annotations Linkerd reads on an HTTPRoute (https://linkerd.io/2/reference/retries/, /timeouts/). */
export const LINKERD_ANNOTATIONS = [
  "retry.linkerd.io/http",
  "retry.linkerd.io/grpc",
  "retry.linkerd.io/limit",
  "retry.linkerd.io/timeout",
  "timeout.linkerd.io/request",
  "timeout.linkerd.io/response",
  "timeout.linkerd.io/idle",
] as const;

export interface LinkerdRouteSettings {
  /** Present when retry.linkerd.io/http or /grpc names conditions. */
  retries?: RawRetries;
  /** The whole call, retries included (timeout.linkerd.io/request). */
  requestTimeoutMs?: number;
  /** One try (timeout.linkerd.io/response). */
  responseTimeoutMs?: number;
}

/**
 * Reads the Linkerd annotations among `annotations` (the output of readMetadata); notes on how
 * retry conditions were mapped go to `notes`.
 * @throws ScenarioError naming the annotation for malformed values
 * @example readLinkerdAnnotations(reader, { "retry.linkerd.io/http": "5xx" }, []).retries // { attempts: 1, retryOn: ["5xx"] }
 */
export function readLinkerdAnnotations(reader: ManifestReader, annotations: Record<string, string>, notes: string[]): LinkerdRouteSettings {
  const path = (key: string): string[] => ["metadata", "annotations", key];
  const settings: LinkerdRouteSettings = {};
  const http = annotations["retry.linkerd.io/http"];
  const grpc = annotations["retry.linkerd.io/grpc"];
  if (http !== undefined || grpc !== undefined) {
    const limitText = annotations["retry.linkerd.io/limit"];
    const limit = limitText === undefined ? DEFAULT_LINKERD_RETRY_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0 || limit > 100) {
      reader.fail(path("retry.linkerd.io/limit"), `must be a whole number of retries from 0 to 100, not ${JSON.stringify(limitText)}`);
    }
    const retryOn = new Set<RawRetryOn>();
    for (const [key, text] of [["retry.linkerd.io/http", http], ["retry.linkerd.io/grpc", grpc]] as const) {
      if (text === undefined) continue;
      const mapped = mapRetryConditions(text.split(","));
      reportRetryMapping(reader, path(key), mapped, notes);
      mapped.retryOn.forEach((condition) => retryOn.add(condition));
    }
    const perTry = readGoDuration(reader, path("retry.linkerd.io/timeout"), annotations["retry.linkerd.io/timeout"]);
    settings.retries = { attempts: limit, retryOn: [...retryOn], ...(perTry ? { perTryTimeoutMs: perTry } : {}) };
  } else if (annotations["retry.linkerd.io/limit"] !== undefined || annotations["retry.linkerd.io/timeout"] !== undefined) {
    reader.ignore(["metadata", "annotations"], "retry.linkerd.io/limit and /timeout without /http or /grpc: Linkerd retries nothing");
  }
  const request = readGoDuration(reader, path("timeout.linkerd.io/request"), annotations["timeout.linkerd.io/request"]);
  if (request) settings.requestTimeoutMs = request;
  const response = readGoDuration(reader, path("timeout.linkerd.io/response"), annotations["timeout.linkerd.io/response"]);
  if (response) settings.responseTimeoutMs = response;
  if (annotations["timeout.linkerd.io/idle"] !== undefined) reader.ignore(path("timeout.linkerd.io/idle"), "simulated streams are never idle");
  return settings;
}

// --- internal ---

/** Linkerd's retry.linkerd.io/limit when absent. */
const DEFAULT_LINKERD_RETRY_LIMIT = 1;
