/**
 * Kuma MeshTimeout (kuma.io v1alpha1) to the timeout of calls to each service its `to[]` names:
 * `http.requestTimeout` (and `http.maxStreamDuration`, also a deadline on the whole call). Fields and
 * defaults from the policy's API (github.com/kumahq/kuma,
 * pkg/plugins/policies/meshtimeout/api/v1alpha1/meshtimeout.go) and its reference
 * (developer.konghq.com/mesh/policies/meshtimeout). A requestTimeout left unset is Kuma's 15 s
 * default, which the kuma profile already applies to every call (models/kuma.yaml
 * traffic.defaults.timeoutMs), so the rule only writes what the policy sets.
 */

import type { ManifestReader } from "../_manifest-reader.js";
import { readKumaPolicy, type ConvertedKumaPolicy } from "./_kuma-policy-reader.js";
import { readGoDuration, type ImportContext } from "../_rule-parts.js";
import type { KumaSettings } from "./combine-kuma-policies.js";
import type { FieldPath, Manifest } from "../read-manifests.js";

/**
 * Converts one MeshTimeout into an entry per service it names (every service for `kind: Mesh`).
 * @throws ScenarioError naming the field for callers other than the whole mesh, destinations that
 *   are no service, and inbound request timeouts (`from`, `rules`), which act at the callee's proxy
 * @example fromMeshTimeout(manifest, context).entries[0].settings.timeoutMs // 5000
 */
export function fromMeshTimeout(manifest: Manifest, context: ImportContext): ConvertedKumaPolicy {
  return readKumaPolicy(manifest, context, { readConf, inbound: { from: readInbound, rules: readInbound } });
}

// --- internal ---

const CONF_IGNORED = {
  connectionTimeout: "simulated connections succeed or are refused at once",
  idleTimeout: "connections seldom idle under load",
};
const HTTP_IGNORED = {
  streamIdleTimeout: "simulated streams are never idle",
  maxConnectionDuration: "a reconnect now and then adds little",
  requestHeadersTimeout: "a simulated request's headers arrive at once",
};

function readConf(reader: ManifestReader, path: FieldPath, value: unknown): KumaSettings {
  const conf = reader.optionalObject(path, value, { read: ["http"], ignore: CONF_IGNORED });
  const http = reader.optionalObject([...path, "http"], conf?.http, { read: ["requestTimeout", "maxStreamDuration"], ignore: HTTP_IGNORED });
  if (!http) return {};
  const notes: string[] = [];
  const request = readGoDuration(reader, [...path, "http", "requestTimeout"], http.requestTimeout);
  const stream = readGoDuration(reader, [...path, "http", "maxStreamDuration"], http.maxStreamDuration);
  // Both are deadlines on the whole call; 0 turns either off ("Setting this timeout to 0 will disable it").
  const deadlines = [request, stream].filter((ms): ms is number => ms !== undefined && ms > 0);
  if (stream !== undefined && stream > 0) notes.push(`maxStreamDuration ${stream} ms taken as a deadline on the whole call`);
  if (deadlines.length > 0) return { timeoutMs: Math.min(...deadlines), notes };
  if (request === 0) {
    notes.push("requestTimeout 0 (off): the rule sets no timeout, so the mesh profile's default applies (kuma's 15 s)");
    return { timeoutMs: null, notes };
  }
  return notes.length > 0 ? { notes } : {};
}

/**
 * Inbound timeouts act at the callee's proxy, which traffic rules do not configure. Kuma's own
 * default inbound policy (mesh-timeout-all-default's inbound part: requestTimeout 0, off) is
 * harmless and ignored; a positive inbound request timeout would end calls and is refused.
 */
function readInbound(reader: ManifestReader, path: FieldPath, value: unknown): void {
  reader.list(path, value).forEach((entry, i) => {
    const at: FieldPath = [...path, i];
    const item = reader.object(at, entry, { read: ["default"], accept: ["targetRef", "matches"] });
    const conf = reader.optionalObject([...at, "default"], item.default, { read: ["http"], accept: Object.keys(CONF_IGNORED) });
    const http = reader.optionalObject([...at, "default", "http"], conf?.http, { read: ["requestTimeout", "maxStreamDuration"], accept: Object.keys(HTTP_IGNORED) });
    for (const key of ["requestTimeout", "maxStreamDuration"]) {
      const ms = readGoDuration(reader, [...at, "default", "http", key], http?.[key]);
      if (ms !== undefined && ms > 0) {
        reader.fail([...at, "default", "http", key], "ends calls at the callee's inbound proxy, which traffic rules (the callers' proxies) do not configure; write the timeout in the scenario's traffic list");
      }
    }
  });
  reader.ignore(path, "inbound timeouts without a request deadline: connection and idle timeouts change no simulated call");
}
