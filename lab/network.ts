import fs from "node:fs";
import {
  BRIDGE,
  BRIDGE_ADDRESS,
  INNER_BRIDGE,
  INNER_BRIDGE_ADDRESS,
  INNER_PREFIX_LENGTH,
  NETNS_PREFIX,
  PREFIX_LENGTH,
  type LabHost,
} from "./state";
import { ipBatch, sh, shQuiet } from "./shell";

/** Root-side veth names are `twl<index>` (`twb<index>` for a moment, behind the bastion): the lab's own, whatever state a crash left them in. */
const VETH = /^tw[lb]\d+$/;

export async function labNamespaces(): Promise<string[]> {
  const out = await sh("ip", ["netns", "list"]).catch(() => "");
  return out
    .split("\n")
    .map((l) => l.split(" ")[0]!)
    .filter((n) => n.startsWith(NETNS_PREFIX));
}

/** The bridge in the root namespace that every lab host hangs off; nothing else in the root namespace changes. */
export async function createBridge(): Promise<void> {
  await ipBatch([`link add ${BRIDGE} type bridge`, `addr add ${BRIDGE_ADDRESS}/${PREFIX_LENGTH} dev ${BRIDGE}`, `link set ${BRIDGE} up`]);
}

/**
 * Namespaces with a veth pair each: `eth0` inside with the host's address, the other end on the bridge.
 * A host behind the bastion has its other end on the bastion's own bridge, inside the bastion's namespace.
 */
export async function createHosts(hosts: LabHost[]): Promise<void> {
  const outside = hosts.filter((h) => h.kind !== "behind");
  const behind = hosts.filter((h) => h.kind === "behind");
  await ipBatch(hosts.map((h) => `netns add ${h.netns}`));
  await ipBatch(
    outside.flatMap((h) => [
      `link add ${h.veth} type veth peer name eth0 netns ${h.netns}`,
      `link set ${h.veth} master ${BRIDGE}`,
      `link set ${h.veth} up`,
    ]),
  );
  // Batch lines take no options, so each namespace gets its own `ip -n NS -batch`.
  await Promise.all(
    outside.map((h) => ipBatch(["link set lo up", `addr add ${h.address}/${PREFIX_LENGTH} dev eth0`, "link set eth0 up"], h.netns)),
  );
  const bastion = hosts.find((h) => h.kind === "bastion");
  if (bastion && behind.length > 0) await createInnerNetwork(bastion, behind);
}

async function createInnerNetwork(bastion: LabHost, behind: LabHost[]): Promise<void> {
  await ipBatch(
    behind.flatMap((h) => [`link add ${h.veth} type veth peer name eth0 netns ${h.netns}`, `link set ${h.veth} netns ${bastion.netns}`]),
  );
  await ipBatch(
    [
      `link add ${INNER_BRIDGE} type bridge`,
      `addr add ${INNER_BRIDGE_ADDRESS}/${INNER_PREFIX_LENGTH} dev ${INNER_BRIDGE}`,
      `link set ${INNER_BRIDGE} up`,
      ...behind.flatMap((h) => [`link set ${h.veth} master ${INNER_BRIDGE}`, `link set ${h.veth} up`]),
    ],
    bastion.netns,
  );
  await Promise.all(
    behind.map((h) => ipBatch(["link set lo up", `addr add ${h.address}/${INNER_PREFIX_LENGTH} dev eth0`, "link set eth0 up"], h.netns)),
  );
}

/** Kills every process inside each lab namespace, then removes the veths, namespaces and the bridge. */
export async function destroyNetwork(): Promise<void> {
  // The kernel frees a deleted namespace's devices asynchronously; delete our ends now so a quick
  // `up` after `down` does not find them still there.
  const ports = (await sh("ip", ["-o", "link", "show", "type", "veth"]).catch(() => ""))
    .split("\n")
    .map((l) => /^\d+: ([^@:]+)/.exec(l)?.[1])
    .filter((n): n is string => !!n && VETH.test(n));
  if (ports.length > 0) await ipBatch(ports.map((p) => `link delete ${p}`)).catch(() => {});
  const namespaces = await labNamespaces();
  for (const pid of pidsInNamespaces(namespaces)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
  // Deleting a namespace also deletes its end of the veth pair.
  if (namespaces.length > 0) await ipBatch(namespaces.map((ns) => `netns delete ${ns}`)).catch(() => {});
  await shQuiet("ip", ["link", "delete", BRIDGE]);
}

export function netnsExec(ns: string, cmd: string, args: string[]): Promise<string> {
  return sh("ip", ["netns", "exec", ns, cmd, ...args]);
}

/** Processes whose network namespace is one of `names`, found in one pass over /proc. */
function pidsInNamespaces(names: string[]): number[] {
  const inodes = new Set<number>();
  for (const n of names) {
    try {
      inodes.add(fs.statSync(`/run/netns/${n}`).ino);
    } catch {
      /* already gone */
    }
  }
  if (inodes.size === 0) return [];
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (inodes.has(fs.statSync(`/proc/${entry}/ns/net`).ino)) pids.push(Number(entry));
    } catch {
      /* exited, or a kernel thread */
    }
  }
  return pids;
}
