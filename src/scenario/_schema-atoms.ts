/**
 * The small JSON Schema pieces every part of the scenario schema builds on.
 */

import { MAX_MESSAGE_BYTES } from "./value-limits.js";

/** Service, request type and zone names: lower-case, as Kubernetes names are. */
export const NAME_PATTERN = "^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$";

export const positiveNumber = { type: "number", exclusiveMinimum: 0 } as const;
export const nonNegativeNumber = { type: "number", minimum: 0 } as const;
export const positiveInteger = { type: "integer", minimum: 1 } as const;
export const bytes = { type: "integer", minimum: 0, maximum: MAX_MESSAGE_BYTES, description: "payload size in bytes (at most 1 GiB)" } as const;
