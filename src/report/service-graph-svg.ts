/**
 * The service graph as the meshes' dashboards draw it (Kiali): services as boxes, calls as arrows
 * labelled with their requests per second and, when the run measured them, their p99, encrypted calls marked "mTLS" and drawn solid,
 * plaintext ones dashed, calls to a failing service in red, services without the mesh's proxy in
 * grey with a dashed border. Laid out left to right by dagre; returned as a self-contained SVG.
 */

import { Graph, layout } from "@dagrejs/dagre";
import type { ServiceGraph } from "../runner/index.js";
import { escapeHtml } from "./_escape-html.js";
import { textWidth } from "./_text-width.js";
import { formatRps } from "./_chart-data.js";
import { formatMs } from "./format-number.js";

const FONT_SIZE = 12;
const NODE_HEIGHT = 30;
const PADDING = 16;
const COLOURS = { meshed: "#e8f1fb", meshedBorder: "#1f6fb2", unmeshed: "#f2f2f2", unmeshedBorder: "#888888", ok: "#4a7f3a", failing: "#c62828" };

/**
 * An SVG of `graph`, titled `title`; the same graph always gives the same bytes.
 * @example renderServiceGraphSvg(run.telemetry.graph, "istio @ 100 rps")
 */
export function renderServiceGraphSvg(graph: ServiceGraph, title: string): string {
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: 24, ranksep: 70, edgesep: 12, marginx: PADDING, marginy: PADDING });
  g.setDefaultEdgeLabel(() => ({}));
  const names = [...new Set(graph.edges.flatMap((edge) => [edge.from, edge.to]))];
  for (const name of names) g.setNode(name, { label: name, width: textWidth(name, FONT_SIZE) + 24, height: NODE_HEIGHT });
  for (const edge of graph.edges) {
    const label = edgeLabel(edge);
    g.setEdge(edge.from, edge.to, { label, width: textWidth(label, FONT_SIZE - 1) + 8, height: FONT_SIZE + 4, labelpos: "c" });
  }
  layout(g);
  const size = g.graph();
  const width = Math.ceil((size.width ?? 0) + 0);
  const height = Math.ceil((size.height ?? 0) + 24);
  const unmeshed = new Set(graph.unmeshed);
  const parts: string[] = [];
  for (const edge of graph.edges) {
    const laid = g.edge(edge.from, edge.to);
    const points = (laid.points ?? []).map((point: { x: number; y: number }) => `${fixed(point.x)},${fixed(point.y + 24)}`).join(" ");
    const colour = edge.failing ? COLOURS.failing : COLOURS.ok;
    const dash = edge.encrypted ? "" : ' stroke-dasharray="5 3"';
    parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="1.5"${dash} marker-end="url(#arrow-${edge.failing ? "failing" : "ok"})"><title>${escapeHtml(edgeTitle(edge))}</title></polyline>`);
    // A white box under the label keeps the line from striking it through (paint-order is not drawn everywhere).
    const labelWidth = laid.width ?? 0;
    parts.push(`<rect x="${fixed((laid.x ?? 0) - labelWidth / 2)}" y="${fixed((laid.y ?? 0) + 24 - FONT_SIZE / 2 - 2)}" width="${fixed(labelWidth)}" height="${FONT_SIZE + 4}" fill="white"/>`);
    parts.push(`<text x="${fixed(laid.x ?? 0)}" y="${fixed((laid.y ?? 0) + 24 + 4)}" text-anchor="middle" font-size="${FONT_SIZE - 1}" fill="${colour}">${escapeHtml(edgeLabel(edge))}</text>`);
  }
  for (const name of names) {
    const node = g.node(name);
    const plain = unmeshed.has(name);
    const x = fixed(node.x - node.width / 2);
    const y = fixed(node.y + 24 - node.height / 2);
    const dash = plain ? ' stroke-dasharray="4 3"' : "";
    parts.push(
      `<g><rect x="${x}" y="${y}" width="${fixed(node.width)}" height="${fixed(node.height)}" rx="6" fill="${plain ? COLOURS.unmeshed : COLOURS.meshed}" stroke="${plain ? COLOURS.unmeshedBorder : COLOURS.meshedBorder}"${dash}/>` +
        `<text x="${fixed(node.x)}" y="${fixed(node.y + 24 + 4)}" text-anchor="middle" font-size="${FONT_SIZE}">${escapeHtml(name)}</text>` +
        `<title>${escapeHtml(plain ? `${name}: no mesh proxy` : `${name}: meshed`)}</title></g>`,
    );
  }
  const markers = (["ok", "failing"] as const)
    .map((kind) => `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${COLOURS[kind]}"/></marker>`)
    .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img" aria-label="${escapeHtml(`service graph, ${title}`)}">` +
    `<defs>${markers}</defs><text x="${PADDING}" y="16" font-size="${FONT_SIZE + 1}" font-weight="bold">${escapeHtml(title)}</text>${parts.join("")}</svg>`
  );
}

// --- internal ---

type GraphEdge = ServiceGraph["edges"][number];

function edgeLabel(edge: GraphEdge): string {
  const p99 = edge.p99Ms !== undefined ? `, p99 ${formatMs(edge.p99Ms)} ms` : "";
  return `${edge.encrypted ? "mTLS, " : ""}${formatRps(edge.requestsPerSec)} rps${p99}`;
}

function edgeTitle(edge: GraphEdge): string {
  const p99 = edge.p99Ms !== undefined ? `, p99 ${formatMs(edge.p99Ms)} ms` : "";
  return `${edge.from} -> ${edge.to}: ${formatRps(edge.requestsPerSec)} requests/s${p99}, ${edge.encrypted ? "mTLS" : "plaintext"}${edge.failing ? ", failing" : ""}`;
}

function fixed(value: number): string {
  return Number(value.toFixed(1)).toString();
}
