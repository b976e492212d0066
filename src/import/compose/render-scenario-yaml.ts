/**
 * Writes a composed scenario as YAML: the header as a comment block at the top, each placed comment
 * beside (or above) its node, short maps such as distributions and histogram bins on one line.
 */

import { Document, isCollection, isMap, isScalar, isSeq, type Node } from "yaml";
import type { ComposedScenario } from "./compose-scenario.js";

/**
 * @example renderScenarioYaml(composeScenario(input)).startsWith("# shop: written by")
 */
export function renderScenarioYaml(composed: ComposedScenario): string {
  // Repeated objects (parallel copies share their calls) are written out each time, not as aliases.
  const document = new Document(composed.document, { aliasDuplicateObjects: false });
  document.commentBefore = composed.header.map((line) => (line === "" ? "" : ` ${line}`)).join("\n");
  for (const comment of composed.comments) {
    const node = document.getIn(comment.path, true) as Node | undefined;
    if (!node) continue;
    const text = ` ${comment.text}`;
    if (comment.before || isCollection(node)) node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${text}` : text;
    else node.comment = node.comment ? `${node.comment};${text}` : text;
  }
  compactLeaves(document.contents as Node);
  return document.toString({ lineWidth: 0 });
}

// --- internal ---

/** Maps of scalars only (a distribution, a bin, resources, labels) read best on one line. */
function compactLeaves(node: Node | null): void {
  if (isMap(node)) {
    const scalarsOnly = node.items.every((pair) => isScalar(pair.value));
    if (scalarsOnly && node.items.length <= 4 && !node.items.some((pair) => (pair.value as Node).comment)) node.flow = true;
    for (const pair of node.items) compactLeaves(pair.value as Node);
  } else if (isSeq(node)) {
    for (const item of node.items) compactLeaves(item as Node);
  }
}
