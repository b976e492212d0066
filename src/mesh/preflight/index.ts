export { checkIngressSupport, checkPolicySupport } from "./check-entry-support.js";
export { checkMtlsSupport } from "./check-mtls-support.js";
export { checkTrafficSupport, featuresOf } from "./check-traffic-support.js";
export { bypassServices, hostBackends, ruleFor, type BackendShare } from "./host-backends.js";
export { nodeEncryptionCost, checkEncryptionSupport } from "./node-encryption.js";
export { deriveMeshOptions, runMtlsMode, type MeshSettings } from "./mesh-options.js";
export { offeredLoad, type ServiceLoad } from "./offered-load.js";
export { staticResources, type StaticResources } from "./static-resources.js";
export { resourcesOf } from "./proxy-resources.js";
