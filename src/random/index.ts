/**
 * Public surface of random/: the seeded generator and the distribution factories.
 */

export { createRng, type Rng } from "./rng.js";
export type { DistributionSpec } from "./distribution-spec.js";
export { randomConstant } from "./random-constant.js";
export { randomUniform } from "./random-uniform.js";
export { randomExponential } from "./random-exponential.js";
export { randomLognormal } from "./random-lognormal.js";
export { randomGamma } from "./random-gamma.js";
export { randomErlang } from "./random-erlang.js";
export { randomEmpirical, type EmpiricalBin } from "./random-empirical.js";
export { createSampler, meanOf, varianceOf, squaredCvOf } from "./sample-distribution.js";
