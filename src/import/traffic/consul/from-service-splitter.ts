/**
 * Consul ServiceSplitter (consul.hashicorp.com v1alpha1) read into its weighted splits, each to a
 * service or one of its resolver's subsets; consul-chain.ts turns them into backends. Fields from
 * the service splitter reference (developer.hashicorp.com/consul/docs/reference/config-entry/service-splitter).
 */

import { ManifestReader } from "../_manifest-reader.js";
import type { ConsulTarget } from "./from-service-router.js";
import type { Manifest } from "../read-manifests.js";

export interface ReadSplitter {
  reader: ManifestReader;
  /** The service whose calls it splits (metadata.name). */
  service: string;
  splits: Array<{ weight: number; target: ConsulTarget }>;
}

/**
 * Reads one ServiceSplitter. Weights are percentages (Consul's float32, 0.01 apart) that Consul
 * requires to add up to 100.
 * @throws ScenarioError naming the field for a missing or empty splits list, bad weights, weights
 *   whose sum is not 100
 * @example readServiceSplitter(manifest).splits[0] // { weight: 90, target: { service: "api", subset: "v1", ... } }
 */
export function readServiceSplitter(manifest: Manifest): ReadSplitter {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  reader.readMetadata();
  const service = reader.string(["metadata", "name"], (manifest.value.metadata as { name?: unknown } | undefined)?.name);
  const spec = reader.object(["spec"], manifest.value.spec, { read: ["splits"] });
  const entries = reader.list(["spec", "splits"], spec.splits);
  if (entries.length === 0) reader.fail(["spec", "splits"], "is missing: a ServiceSplitter without splits sends calls nowhere");
  const splits = entries.map((entry, i) => {
    const path = ["spec", "splits", i];
    const split = reader.object(path, entry, {
      read: ["weight", "service", "serviceSubset"],
      ignore: {
        namespace: "namespaces are not modelled",
        partition: "admin partitions are not modelled",
        requestHeaders: "header changes cost no time in the simulation",
        responseHeaders: "header changes cost no time in the simulation",
      },
    });
    const weight = reader.number([...path, "weight"], split.weight ?? 0, { minimum: 0, maximum: 100 });
    // Service defaults to the splitter's own (the reference's Splits[].Service).
    const named = reader.optionalString([...path, "service"], split.service);
    const subset = reader.optionalString([...path, "serviceSubset"], split.serviceSubset);
    const target: ConsulTarget = { service: named ?? service, ...(subset ? { subset, subsetPath: [...path, "serviceSubset"] } : {}), path: named ? [...path, "service"] : ["metadata", "name"] };
    return { weight, target };
  });
  const sum = splits.reduce((total, split) => total + split.weight, 0);
  // Consul refuses splits whose weights do not add up to 100 (within its 0.01 precision).
  if (Math.abs(sum - 100) > 0.01 * splits.length) reader.fail(["spec", "splits"], `has weights adding up to ${sum}, while Consul requires 100`);
  return { reader, service, splits };
}
