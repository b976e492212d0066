/**
 * Common machine types a cluster's nodes are made of, with the vCPU and memory their provider
 * lists, so a scenario can say `machineType: e2-standard-4` instead of both numbers. Each row
 * names the provider page it was read from.
 */

/** One machine type: vCPU (hardware threads) and memory in GB as the provider lists them. */
export interface MachineType {
  name: string;
  vcpu: number;
  /**
   * Memory in GB. AWS and Azure list GiB; Compute Engine's "GB" are binary too (2^30 bytes); Equinix
   * Metal lists GB of installed RAM. The simulator reads every one as GiB.
   */
  memoryGb: number;
  /**
   * A shared-core type (e2-medium): its vCPU are time-shared bursts on one core, and GKE reserves a
   * flat 1060 millicores on it instead of the tiered CPU reservation (see node-allocatable.ts).
   */
  sharedCore?: boolean;
  /** The provider page the numbers come from. */
  source: string;
}

const AWS_M5 = "https://aws.amazon.com/ec2/instance-types/m5/ (Product Details: vCPU, Memory (GiB))";
const AWS_M6I = "https://aws.amazon.com/ec2/instance-types/m6i/ (Product Details: vCPU, Memory (GiB))";
const AWS_C5 = "https://aws.amazon.com/ec2/instance-types/c5/ (Product Details: vCPU, Memory (GiB))";
const AWS_C6I = "https://aws.amazon.com/ec2/instance-types/c6i/ (Product Details: vCPU, Memory (GiB))";
// t3 instances are burstable: a baseline of 30% (large) or 40% (xlarge, 2xlarge) per vCPU, bursting on
// CPU credits; the simulator gives them their full vCPU.
const AWS_T3 = "https://aws.amazon.com/ec2/instance-types/t3/ (Product Details: vCPU, Memory (GiB); burstable)";
const GCP_E2 = "https://cloud.google.com/compute/docs/general-purpose-machines#e2_machine_types (E2 standard)";
const GCP_E2_SHARED = "https://cloud.google.com/compute/docs/general-purpose-machines#sharedcore (E2 shared-core: e2-medium)";
const GCP_N2 = "https://cloud.google.com/compute/docs/general-purpose-machines#n2_machine_types (N2 standard)";
const GCP_N1 = "https://cloud.google.com/compute/docs/general-purpose-machines#n1_machines (N1 standard, 3.75 GB per vCPU)";
const AZURE_DSV3 = "https://learn.microsoft.com/azure/virtual-machines/dv3-dsv3-series (Dsv3-series: vCPU, Memory: GiB)";
const AZURE_BS = "https://learn.microsoft.com/azure/virtual-machines/sizes-b-series-burstable (B-series: vCPU, Memory: GiB; burstable)";
// Bare metal: vCPU are hardware threads (cores x 2 with SMT), as the kubelet reports them.
const EQUINIX_M3 = "https://deploy.equinix.com/product/servers/m3-large/ (1 x AMD EPYC 7502P, 32 cores / 64 threads, 256 GB)";
const EQUINIX_S3 = "https://deploy.equinix.com/product/servers/s3-xlarge/ (2 x Intel Xeon Silver 4214, 24 cores / 48 threads, 192 GB)";

/** The machine types `cluster.machineType` accepts, by provider and family. */
export const MACHINE_TYPES: readonly MachineType[] = [
  { name: "m5.large", vcpu: 2, memoryGb: 8, source: AWS_M5 },
  { name: "m5.xlarge", vcpu: 4, memoryGb: 16, source: AWS_M5 },
  { name: "m5.2xlarge", vcpu: 8, memoryGb: 32, source: AWS_M5 },
  { name: "m6i.large", vcpu: 2, memoryGb: 8, source: AWS_M6I },
  { name: "m6i.xlarge", vcpu: 4, memoryGb: 16, source: AWS_M6I },
  { name: "m6i.2xlarge", vcpu: 8, memoryGb: 32, source: AWS_M6I },
  { name: "c5.large", vcpu: 2, memoryGb: 4, source: AWS_C5 },
  { name: "c5.xlarge", vcpu: 4, memoryGb: 8, source: AWS_C5 },
  { name: "c5.2xlarge", vcpu: 8, memoryGb: 16, source: AWS_C5 },
  { name: "c6i.large", vcpu: 2, memoryGb: 4, source: AWS_C6I },
  { name: "c6i.xlarge", vcpu: 4, memoryGb: 8, source: AWS_C6I },
  { name: "c6i.2xlarge", vcpu: 8, memoryGb: 16, source: AWS_C6I },
  { name: "t3.large", vcpu: 2, memoryGb: 8, source: AWS_T3 },
  { name: "t3.xlarge", vcpu: 4, memoryGb: 16, source: AWS_T3 },
  { name: "t3.2xlarge", vcpu: 8, memoryGb: 32, source: AWS_T3 },
  { name: "e2-medium", vcpu: 2, memoryGb: 4, sharedCore: true, source: GCP_E2_SHARED },
  { name: "e2-standard-2", vcpu: 2, memoryGb: 8, source: GCP_E2 },
  { name: "e2-standard-4", vcpu: 4, memoryGb: 16, source: GCP_E2 },
  { name: "e2-standard-8", vcpu: 8, memoryGb: 32, source: GCP_E2 },
  { name: "n2-standard-2", vcpu: 2, memoryGb: 8, source: GCP_N2 },
  { name: "n2-standard-4", vcpu: 4, memoryGb: 16, source: GCP_N2 },
  { name: "n2-standard-8", vcpu: 8, memoryGb: 32, source: GCP_N2 },
  { name: "n1-standard-1", vcpu: 1, memoryGb: 3.75, source: GCP_N1 },
  { name: "n1-standard-2", vcpu: 2, memoryGb: 7.5, source: GCP_N1 },
  { name: "n1-standard-4", vcpu: 4, memoryGb: 15, source: GCP_N1 },
  { name: "n1-standard-8", vcpu: 8, memoryGb: 30, source: GCP_N1 },
  { name: "Standard_B2s", vcpu: 2, memoryGb: 4, source: AZURE_BS },
  { name: "Standard_D2s_v3", vcpu: 2, memoryGb: 8, source: AZURE_DSV3 },
  { name: "Standard_D4s_v3", vcpu: 4, memoryGb: 16, source: AZURE_DSV3 },
  { name: "Standard_D8s_v3", vcpu: 8, memoryGb: 32, source: AZURE_DSV3 },
  { name: "m3.large.x86", vcpu: 64, memoryGb: 256, source: EQUINIX_M3 },
  { name: "s3.xlarge.x86", vcpu: 48, memoryGb: 192, source: EQUINIX_S3 },
];

/**
 * The machine type called `name` (case-insensitive: Azure's `standard_d2s_v3` matches), or undefined.
 * @example findMachineType("e2-standard-4") // { name: "e2-standard-4", vcpu: 4, memoryGb: 16, ... }
 */
export function findMachineType(name: string): MachineType | undefined {
  const wanted = name.toLowerCase();
  return MACHINE_TYPES.find((type) => type.name.toLowerCase() === wanted);
}

/** Every machine type name, in table order (for "did you mean" and the schema's description). */
export function machineTypeNames(): string[] {
  return MACHINE_TYPES.map((type) => type.name);
}
