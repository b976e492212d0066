/**
 * How meshes look in charts: a readable name and a fixed colour per mesh id, the same in every
 * chart and every report, so a reader learns "Istio is blue" once.
 */

/** Display names of the built-in profiles; other ids (user-added profiles) show as themselves. */
const MESH_LABELS: Record<string, string> = {
  none: "no mesh",
  istio: "Istio",
  "istio-ambient": "Istio ambient",
  linkerd2: "Linkerd 2",
  linkerd1: "Linkerd 1",
  consul: "Consul",
  kuma: "Kuma",
  osm: "OSM",
  cilium: "Cilium",
  "traefik-mesh": "Traefik Mesh",
};

/**
 * Colours of the built-in profiles (Tableau 10, darkened where a thin line on white would be
 * hard to see); the baseline is near-black so every mesh reads against it.
 */
const MESH_COLORS: Record<string, string> = {
  none: "#333333",
  istio: "#4e79a7",
  "istio-ambient": "#76b7b2",
  linkerd2: "#59a14f",
  linkerd1: "#8cb369",
  consul: "#e15759",
  kuma: "#b07aa1",
  osm: "#f28e2b",
  cilium: "#d4a017",
  "traefik-mesh": "#9c755f",
};

/** Colours for ids that are not built in, handed out in order of appearance. */
const SPARE_COLORS = ["#ff9da7", "#86bcb6", "#bab0ac", "#499894", "#d37295", "#79706e"];

/**
 * The name a chart shows for a mesh id.
 * @example meshLabel("istio-ambient") // "Istio ambient"
 */
export function meshLabel(id: string): string {
  return MESH_LABELS[id] ?? id;
}

/**
 * A vega-lite colour scale (domain of labels, range of colours) for the meshes in `ids`, in
 * that order.
 * @example meshColorScale(["none", "istio"]) // { domain: ["no mesh", "Istio"], range: ["#333333", "#4e79a7"] }
 */
export function meshColorScale(ids: string[]): { domain: string[]; range: string[] } {
  const unique = [...new Set(ids)];
  let spare = 0;
  return {
    domain: unique.map(meshLabel),
    range: unique.map((id) => MESH_COLORS[id] ?? SPARE_COLORS[spare++ % SPARE_COLORS.length]),
  };
}
