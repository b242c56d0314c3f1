import type { PodSpec } from "./k8s-node/pods";

/** Single-quotes a word for sh. */
const q = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export interface HostInit {
  hostname: string;
  /** An /etc/hosts naming the node, bind-mounted in the node's own mount namespace (sudo resolves its hostname). */
  hostsFile: string;
  sshd: string[];
  /** The host's own traffic, run in its network namespace. */
  traffic: { command: string[]; log: string } | null;
  /** A node's pods, each in a network and UTS namespace of its own. */
  pods: { spec: PodSpec; command: string[]; log: string }[];
}

/**
 * The shell script run as PID 1 of a lab host's own PID namespace (started under `unshare --pid --fork
 * --mount-proc --uts` inside the host's network namespace): it names the host, starts its sshd, which
 * daemonises and stays its child, its traffic, and a node's pods each in a network and UTS namespace
 * of its own, then waits, reaping orphans, until it is killed, which ends every process of the namespace.
 */
export function hostInitScript(o: HostInit): string {
  const pods = o.pods.map(({ spec, command, log }) => {
    const inPod = [
      `hostname ${q(spec.name)}`,
      "ip link set lo up",
      ...Object.entries(spec.sysctls).map(([k, v]) => `sysctl -q -w ${q(`${k}=${v}`)}`),
      `exec ${command.map(q).join(" ")}`,
    ].join(" && ");
    return `unshare --net --uts sh -c ${q(inPod)} >>${q(log)} 2>&1 &`;
  });
  return [
    "set -e",
    `hostname ${q(o.hostname)}`,
    `mount --bind ${q(o.hostsFile)} /etc/hosts`,
    o.sshd.map(q).join(" "),
    ...(o.traffic ? [`${o.traffic.command.map(q).join(" ")} >>${q(o.traffic.log)} 2>&1 &`] : []),
    ...pods,
    "set +e",
    "while :; do sleep 3600 & wait $!; done",
    "",
  ].join("\n");
}
