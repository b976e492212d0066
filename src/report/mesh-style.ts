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
 * Colours of the built-in profiles, chosen (test/report/mesh-style.test.ts) so any two stay at
 * least 11 apart in CIEDE2000 for normal vision and under full deuteranopia, protanopia and
 * tritanopia (Machado 2009), and 25 from the white page: mostly Okabe-Ito and Paul Tol's sets,
 * which were made for colour-blind readers. Related meshes get related hues (Istio blue and sky
 * blue) but never the same colour; the baseline is black.
 */
const MESH_COLORS: Record<string, string> = {
  none: "#000000",
  istio: "#0072B2",
  "istio-ambient": "#56B4E9",
  linkerd2: "#009988",
  linkerd1: "#997700",
  consul: "#CC3311",
  kuma: "#CC79A7",
  osm: "#CCBB44",
  cilium: "#332288",
  "traefik-mesh": "#994455",
};

/** A dash pattern per mesh, so lines differ without colour too (solid for the baseline). */
const MESH_DASHES: Record<string, number[]> = {
  none: [1, 0],
  istio: [7, 3],
  "istio-ambient": [2, 2],
  linkerd2: [8, 3, 2, 3],
  linkerd1: [1, 3],
  consul: [12, 4],
  kuma: [4, 2, 1, 2],
  osm: [12, 3, 3, 3],
  cilium: [3, 5],
  "traefik-mesh": [6, 2, 2, 2, 2, 2],
};

/** A marker per mesh (vega's shapes), on every point a chart draws for it. */
const MESH_SHAPES: Record<string, string> = {
  none: "circle",
  istio: "square",
  "istio-ambient": "triangle-up",
  linkerd2: "diamond",
  linkerd1: "cross",
  consul: "triangle-down",
  kuma: "triangle-right",
  osm: "triangle-left",
  cilium: "wedge",
  "traefik-mesh": "arrow",
};

/** Colours, dashes and markers for ids that are not built in, handed out in order of appearance. */
const SPARE_COLORS = ["#117733", "#88CCEE", "#AA4499", "#DDCC77", "#44AA99", "#882255"];
const SPARE_DASHES = [[5, 1], [1, 1], [9, 2, 1, 2], [3, 1, 1, 1]];
const SPARE_SHAPES = ["stroke", "circle", "square", "diamond"];

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
 * @example meshColorScale(["none", "istio"]) // { domain: ["no mesh", "Istio"], range: ["#000000", "#0072B2"] }
 */
export function meshColorScale(ids: string[]): { domain: string[]; range: string[] } {
  return scaleOf(ids, MESH_COLORS, SPARE_COLORS);
}

/**
 * A vega-lite strokeDash scale (labels to dash patterns) for the meshes in `ids`, in that order.
 * @example meshDashScale(["none", "istio"]).range // [[1, 0], [7, 3]]
 */
export function meshDashScale(ids: string[]): { domain: string[]; range: number[][] } {
  return scaleOf(ids, MESH_DASHES, SPARE_DASHES);
}

/**
 * A vega-lite shape scale (labels to marker shapes) for the meshes in `ids`, in that order.
 * @example meshShapeScale(["none", "istio"]).range // ["circle", "square"]
 */
export function meshShapeScale(ids: string[]): { domain: string[]; range: string[] } {
  return scaleOf(ids, MESH_SHAPES, SPARE_SHAPES);
}

// --- internal ---

function scaleOf<T>(ids: string[], builtIn: Record<string, T>, spares: T[]): { domain: string[]; range: T[] } {
  const unique = [...new Set(ids)];
  let spare = 0;
  return { domain: unique.map(meshLabel), range: unique.map((id) => builtIn[id] ?? spares[spare++ % spares.length]) };
}
