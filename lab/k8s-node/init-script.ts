import type { PodSpec } from "./pods";

/** Single-quotes a word for sh. */
const q = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export interface NodeInit {
  hostname: string;
  /** An /etc/hosts naming the node, bind-mounted in the node's own mount namespace (sudo resolves its hostname). */
  hostsFile: string;
  sshd: string[];
  pods: { spec: PodSpec; command: string[]; log: string }[];
}

/**
 * The shell script run as PID 1 of the node's own PID namespace (started under `unshare --pid --fork
 * --mount-proc --uts` inside the node's network namespace): it names the node, starts its sshd, which
 * daemonises and stays its child, starts each pod in a network and UTS namespace of its own, then
 * waits, reaping orphans, until it is killed, which ends every process of the namespace.
 */
export function nodeInitScript(o: NodeInit): string {
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
    ...pods,
    "set +e",
    "while :; do sleep 3600 & wait $!; done",
    "",
  ].join("\n");
}
