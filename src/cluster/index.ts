export { EXTERNAL_NODE, type ClusterShape } from "./cluster-shape.js";
export { placePods, type PlacedService } from "./place-pods.js";
