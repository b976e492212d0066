/**
 * A setting the chosen mesh cannot express (strict mTLS in Traefik Mesh, mTLS off in Linkerd 2,
 * a per-service mode in OSM): a clear error naming the mesh and the feature, never a silent
 * approximation.
 */

/** The mesh `mesh` has no way to do `feature`. */
export class UnsupportedSettingError extends Error {
  constructor(
    readonly mesh: string,
    readonly feature: string,
    /** What the mesh does instead, or why it cannot. */
    readonly detail: string,
  ) {
    super(`mesh ${mesh} cannot express ${feature}: ${detail}`);
    this.name = "UnsupportedSettingError";
  }
}
