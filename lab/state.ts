import fs from "node:fs";
import path from "node:path";

export const NETNS_PREFIX = "twlab-";
export const BRIDGE = "twlab0";
export const BRIDGE_ADDRESS = "198.18.0.1";
export const PREFIX_LENGTH = 15;
export const LAB_USER = "twscope-lab";
/** The bastion's own network, a bridge inside its namespace: the root namespace has no interface on it. */
export const INNER_BRIDGE = "twlab1";
export const INNER_BRIDGE_ADDRESS = "198.19.0.1";
export const INNER_PREFIX_LENGTH = 24;
export const BASTION = "bastion";

export interface LabHost {
  name: string;
  /** `behind`: on the bastion's network only, reached through the bastion. */
  kind: "scenario" | "plain" | "bastion" | "behind";
  scenario: string | null;
  netns: string;
  veth: string;
  address: string;
  fingerprint: string;
  twscopeId: number | null;
  /** Probed as root through the probe's sudo rule (scenario hosts, where sudo is installed), so processes are named. */
  sudo?: boolean;
  /** A node (k8s-node): the pid, in this machine's root PID namespace, of the init of the node's own PID namespace. */
  initPid?: number;
  /** A node's pods, each in a network namespace of its own inside the node. */
  pods?: LabPod[];
}

export interface LabPod {
  name: string;
  /** The advisor's finding expected for the pod's own namespace: a rule id, or "healthy". */
  situation: string;
  /** The pod's traffic process, as seen from this machine's root PID namespace. */
  pid: number;
}

export interface LabState {
  startedAt: number;
  endsAt: number;
  hosts: LabHost[];
}

/** Where the lab keeps its keys, configs, logs and state (inside the data directory by default). */
export function labDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TWSCOPE_LAB_DIR ?? path.join(env.TWSCOPE_DATA_DIR ?? "./data", "lab"));
}

/** The lab's folder inside the data directory of `ctx`, or where the environment says without one. */
export function labDirOf(ctx?: { config: { dataDir: string } }): string {
  return ctx ? path.join(ctx.config.dataDir, "lab") : labDir();
}

const statePath = (dir: string) => path.join(dir, "state.json");

export function readState(dir: string): LabState | null {
  try {
    return JSON.parse(fs.readFileSync(statePath(dir), "utf8")) as LabState;
  } catch {
    return null;
  }
}

export function writeState(dir: string, state: LabState): void {
  fs.writeFileSync(statePath(dir), JSON.stringify(state, null, 2));
}

/** 198.19.0.10, .11, …: the hosts behind the bastion, in the benchmarking range too, on the bastion's own bridge. */
export function innerAddressOf(index: number): string {
  return `198.19.0.${index + 10}`;
}

/** 198.18.0.10, .11, … then into 198.18.1.x: the RFC 2544 benchmarking range, never routed. */
export function addressOf(index: number): string {
  const n = index + 10;
  return `198.18.${Math.floor(n / 256)}.${n % 256}`;
}
