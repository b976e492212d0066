/**
 * Sidecar architecture (Istio, Linkerd 2, Consul, Kuma, OSM): every meshed pod has its own
 * proxy. A call leaves through the caller's sidecar and enters through the callee's, each after
 * an iptables redirect over loopback; the response passes both again.
 *
 *   app A -> redirect -> sidecar A -> network -> redirect -> sidecar B -> app B
 */

import type { ProxyCost } from "../../model/index.js";
import { PROTOCOLS, proxiesProtocol } from "../proxy-cost-model.js";
import { directConnection } from "./no-mesh.js";
import type { DataPlane } from "./data-plane.js";
import type { NetworkBuilder } from "./network-builder.js";

/**
 * Sidecars of every meshed pod. `upgradesHttp1`: the proxies carry HTTP/1.1 between them over
 * one multiplexed HTTP/2 connection (linkerd2-proxy).
 */
export function createSidecars(network: NetworkBuilder, proxy: ProxyCost, redirectMs: number, upgradesHttp1: boolean): DataPlane {
  const sidecarOf = new Int32Array(network.podCount).fill(-1);
  const gatewayOf = new Uint8Array(network.podCount);
  for (let pod = 0; pod < network.podCount; pod++) {
    if (!network.isMeshed(pod)) continue;
    const gateway = network.gatewayFor(pod);
    if (gateway) {
      sidecarOf[pod] = network.addProxy(`gateway#${pod}`, "gateway", gateway, true, network.nodeOf(pod), pod);
      gatewayOf[pod] = 1;
      continue;
    }
    const label = network.labelOf(pod);
    sidecarOf[pod] = network.addProxy(`sidecar:${label}#${pod}`, `sidecar/${label}`, proxy, true, network.nodeOf(pod), pod);
  }
  const redirectStep = redirectMs > 0 ? [network.delayStep(redirectMs)] : [];
  // A gateway receives its traffic directly (it is the load balancer's target): no redirect.
  const redirect = (pod: number): number[] => (gatewayOf[pod] === 1 ? [] : redirectStep);
  // Between clusters the path may pass the mode's gateways (ServiceNetwork.pathSteps).
  const link = (first: number, second: number, callee: number) => network.pathSteps(network.nodeOf(first), network.nodeOf(second), network.nodeOf(callee), true);
  const steps = (first: number, second: number, callee: number): number[] => {
    if (!proxiesProtocol(proxy, network.protocolOf(callee))) return link(first, second, callee);
    const through = (pod: number): number[] => (sidecarOf[pod] >= 0 ? [...redirect(pod), sidecarOf[pod]] : []);
    return [...through(first), ...link(first, second, callee), ...through(second)];
  };
  return {
    requestSteps: (caller, callee) => steps(caller, callee, callee),
    responseSteps: (caller, callee) => steps(callee, caller, callee),
    connection: (caller, callee) => {
      const direct = directConnection(network, caller, callee);
      const proxied = proxiesProtocol(proxy, network.protocolOf(callee));
      const betweenProxies = proxied && sidecarOf[caller] >= 0 && sidecarOf[callee] >= 0;
      // L7 sidecars keep upstream HTTP connections open whatever the app does; an opaque TCP
      // proxy opens one upstream connection per downstream one, so the app's keep-alive rules.
      const pooledByProxies = betweenProxies && PROTOCOLS[network.protocolOf(callee)] !== "tcp";
      return { ...direct, multiplexed: direct.multiplexed || (betweenProxies && upgradesHttp1), pooledByProxies, betweenProxies };
    },
  };
}
