/**
 * The error for a node whose running containers' idle load (sidecars' stats flushes, node agents)
 * takes all its cores: nothing else could ever run there.
 */

/** A node's idle load reached its cores; `node` names it. */
export class IdleCpuError extends RangeError {
  constructor(
    readonly node: string,
    readonly idleVcpu: number,
    readonly cores: number,
  ) {
    super(`node ${node}: the containers' idle CPU (${idleVcpu.toFixed(3)} vCPU) takes all ${cores} cores`);
    this.name = "IdleCpuError";
  }
}
