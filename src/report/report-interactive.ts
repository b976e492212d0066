/**
 * What makes report.html interactive without the network: each chart's vega-lite spec beside
 * its static SVG, the vega, vega-lite and vega-embed runtime inlined, and the page's script that
 * embeds every chart live (tooltips on hover) and filters every chart to the meshes ticked in the
 * page's mesh toggles. Without the runtime (or without JavaScript) the static SVGs stay.
 */

import type { TopLevelSpec } from "vega-lite";

/** The three minified scripts, in load order (vega-lite and vega-embed read the globals before them). */
export const VEGA_RUNTIME_FILES = ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"] as const;

/**
 * The spec of a chart as a script element the page's script reads (`<` escaped, so no `</script>`
 * inside the JSON can end the element early).
 * @example specScript("latency-cdf", spec)
 */
export function specScript(name: string, spec: TopLevelSpec): string {
  const json = JSON.stringify(spec).replace(/</g, "\\u003c");
  return `<script type="application/json" id="spec-${name}">${json}</script>`;
}

/**
 * The inline scripts of an interactive page: the runtime, then the page's own script.
 * @example interactiveScripts(readVegaRuntime())
 */
export function interactiveScripts(runtime: string): string {
  // A runtime file cannot hold "</script" (checked where it is read), so it is safe inline.
  return `<script>${runtime}</script>\n<script>${PAGE_SCRIPT}</script>`;
}

/**
 * The mesh toggles: one checkbox per mesh label, hidden until the script shows them (they do
 * nothing without it).
 * @example meshToggles(["no mesh", "Istio"])
 */
export function meshToggles(labels: string[], escape: (text: string) => string): string {
  if (labels.length < 2) return "";
  const boxes = labels.map((label) => `<label><input type="checkbox" value="${escape(label)}" checked> ${escape(label)}</label>`);
  return `<fieldset class="mesh-toggles" hidden><legend>Meshes shown in every chart</legend>${boxes.join(" ")}</fieldset>`;
}

// --- internal ---

/**
 * The page's script (plain ES2020, run as written): embed each chart, and on a toggle redraw
 * every chart from its spec with the unticked meshes' rows and legend entries removed. A row
 * belongs to a mesh by its `mesh` field, else by its `series` ("Istio (replicas=2)").
 */
const PAGE_SCRIPT = `
(() => {
  const embed = window.vegaEmbed;
  if (typeof embed !== "function") return;
  const charts = [...document.querySelectorAll("[data-chart]")];
  const specs = new Map(charts.map((element) => [element, JSON.parse(document.getElementById("spec-" + element.dataset.chart).textContent)]));
  const toggles = document.querySelector(".mesh-toggles");
  const labels = toggles ? [...toggles.querySelectorAll("input")].map((input) => input.value) : [];
  const views = new Map();
  const meshOf = (row) => {
    if (typeof row.mesh === "string") return row.mesh;
    if (typeof row.series === "string") return labels.find((label) => row.series === label || row.series.startsWith(label + " ("));
    return undefined;
  };
  const filtered = (node, shown) => {
    if (Array.isArray(node)) return node.map((item) => filtered(item, shown));
    if (node === null || typeof node !== "object") return node;
    const copy = {};
    for (const [key, value] of Object.entries(node)) copy[key] = filtered(value, shown);
    if (Array.isArray(copy.values)) {
      copy.values = copy.values.filter((row) => row === null || typeof row !== "object" || meshOf(row) === undefined || shown.has(meshOf(row)));
    }
    const domain = copy.domain;
    if (Array.isArray(domain) && Array.isArray(copy.range) && domain.length === copy.range.length && domain.length > 0 && domain.every((entry) => labels.includes(entry))) {
      const keep = domain.map((entry) => shown.has(entry));
      copy.domain = domain.filter((_, index) => keep[index]);
      copy.range = copy.range.filter((_, index) => keep[index]);
    }
    return copy;
  };
  const draw = async (element, shown) => {
    const previous = views.get(element);
    if (previous) previous.finalize();
    const result = await embed(element, filtered(specs.get(element), shown), { renderer: "svg", actions: false, tooltip: { theme: "light" } });
    views.set(element, result);
    element.dataset.embedded = "true";
  };
  const shownMeshes = () => new Set(toggles ? [...toggles.querySelectorAll("input:checked")].map((input) => input.value) : labels);
  const drawAll = () => Promise.all(charts.map((element) => draw(element, shownMeshes()).catch((error) => {
    element.dataset.embedded = "failed";
    console.error(error);
  })));
  if (toggles) {
    toggles.hidden = false;
    toggles.addEventListener("change", () => {
      document.body.dataset.redrawn = "pending";
      drawAll().then(() => (document.body.dataset.redrawn = "done"));
    });
  }
  drawAll().then(() => (document.body.dataset.charts = "ready"));
})();
`;
