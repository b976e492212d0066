/**
 * Where a composed scenario's comments go: each beside the YAML node it explains.
 */

/** A comment for the YAML node at `path` (keys and indexes from the document's top). */
export interface PlacedComment {
  path: Array<string | number>;
  text: string;
  /** On the lines before the node (else at the end of its line). */
  before?: boolean;
}
