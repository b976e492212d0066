/**
 * An HTTP route match as Gateway API shapes it (`path`, `headers`, `method`, `queryParams`), which
 * Kuma's MeshHTTPRoute copies: the exact headers a traffic rule can match on, the path only where
 * it matches every call (PathPrefix /), everything else refused.
 */

import type { ManifestReader } from "./_manifest-reader.js";
import type { FieldPath } from "./read-manifests.js";

export interface HttpMatchDialect {
  /** Gateway API fills in an absent path's type and value (PathPrefix /); Kuma requires both. */
  pathDefaults: boolean;
  /** Which of two headers with one name counts: Gateway API takes the first (and says so), Kuma the last. */
  repeatedHeader: "first" | "last";
}

/**
 * The exact headers the match at `path` asks for, lower-cased.
 * @throws ScenarioError naming the field for a path other than PathPrefix /, a method or query
 *   match, or a header match that is not Exact
 */
export function readHttpMatch(reader: ManifestReader, path: FieldPath, value: unknown, dialect: HttpMatchDialect): Record<string, string> {
  const match = reader.object(path, value, {
    read: ["headers", "path"],
    refuse: {
      method: "matches on the method, while traffic rules match exact headers only",
      queryParams: "matches on query parameters, while traffic rules match exact headers only",
    },
  });
  const pathMatch = reader.optionalObject([...path, "path"], match.path, { read: ["type", "value"] });
  if (pathMatch) {
    const type = dialect.pathDefaults ? (reader.optionalString([...path, "path", "type"], pathMatch.type) ?? "PathPrefix") : reader.string([...path, "path", "type"], pathMatch.type);
    const prefix = dialect.pathDefaults ? (reader.optionalString([...path, "path", "value"], pathMatch.value) ?? "/") : reader.string([...path, "path", "value"], pathMatch.value);
    // PathPrefix "/" (the default every stored HTTPRoute carries) matches every call.
    if (type !== "PathPrefix" || prefix !== "/") reader.fail([...path, "path"], `matches on the path (${type} ${prefix}), while traffic rules match exact headers only`);
  }
  const headers: Record<string, string> = {};
  reader.list([...path, "headers"], match.headers).forEach((entry, k) => {
    const at: FieldPath = [...path, "headers", k];
    const header = reader.object(at, entry, { read: ["name", "value", "type"] });
    const type = reader.optionalString([...at, "type"], header.type) ?? "Exact";
    if (type !== "Exact") reader.fail([...at, "type"], `is ${type}; traffic rules match exact header values only`);
    // Header names are case-insensitive.
    const name = reader.string([...at, "name"], header.name).toLowerCase();
    const headerValue = reader.string([...at, "value"], header.value);
    if (dialect.repeatedHeader === "first" && name in headers) reader.ignore(at, `repeats header ${name}; Gateway API uses the first`);
    else headers[name] = headerValue;
  });
  return headers;
}
