import type { HostSample, NamespaceSample } from "../types";

/** Sysctls the kernel keeps for the whole machine, not per network namespace: the host's apply inside. */
const MACHINE_WIDE = ["net.netfilter.nf_conntrack_max"];

/**
 * A namespace as a sample of its own, for the advisor: its sockets and its own sysctls (with the
 * machine-wide ones of the host); no counters (they are not read per namespace), so no rates.
 */
export function namespaceSample(host: HostSample, ns: NamespaceSample): HostSample {
  const machineWide = Object.fromEntries(MACHINE_WIDE.flatMap((k) => (host.sysctls[k] === undefined ? [] : [[k, host.sysctls[k]!]])));
  return {
    hostTime: host.hostTime,
    uptimeSeconds: host.uptimeSeconds,
    memTotalKb: host.memTotalKb ?? null,
    hostname: ns.name,
    user: host.user,
    kernel: host.kernel,
    socketSource: "proc",
    sockstat: { tcpInuse: null, tcpOrphan: null, tcpTw: ns.timeWait.total, tcpAlloc: null, tcp6Inuse: null },
    counters: {},
    sysctls: { ...ns.sysctls, ...machineWide },
    missingSysctls: [],
    deniedSysctls: [],
    states: ns.states,
    listeningPorts: [],
    timeWait: ns.timeWait,
    owners: { hiddenProcesses: 0, asRoot: true, lookedAt: null, users: { ...host.owners?.users, ...host.namespaces?.users }, ...ns.owners },
    problems: ns.problems,
  };
}

/** What holds the namespace: a Kubernetes pod, another container, or neither. */
export const namespaceKind = (ns: Pick<NamespaceSample, "container">) =>
  ns.container?.runtime === "kubernetes" ? "pod" : ns.container ? "container" : "namespace";

/** The name without the kind its probe may have written before it ("pod web-5d8f7" → "web-5d8f7"). */
export function namespaceName(ns: Pick<NamespaceSample, "name" | "container">): string {
  const kind = namespaceKind(ns);
  return ns.name.startsWith(`${kind} `) ? ns.name.slice(kind.length + 1) : ns.name;
}

/** "pod web-5d8f7", "container docker 3f2a…", "namespace nginx (pid 812)". */
export function namespaceLabel(ns: Pick<NamespaceSample, "name" | "container">): string {
  return `${namespaceKind(ns)} ${namespaceName(ns)}`;
}
