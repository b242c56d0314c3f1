/**
 * The arguments of `ip` that run `script` on a lab host as the bench times it: in the host's network
 * namespace and in a PID namespace of its own, so a probe run as root sees that host's processes
 * and namespaces only, as on a real host, not those of every lab host on this machine.
 */
export const onHost = (ns: string, script: string) => [
  "netns",
  "exec",
  ns,
  "unshare",
  "--pid",
  "--fork",
  "--mount-proc",
  "sh",
  "-c",
  script,
];
