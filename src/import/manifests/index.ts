export { readKubernetesInputs } from "./read-kubernetes-inputs.js";
export { importDeploymentShape } from "./import-deployment-shape.js";
export type { DeployedWorkload, DeploymentShape } from "./deployment-shape.js";
