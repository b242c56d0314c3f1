/**
 * TCP socket states, named as `ss -tan` prints them, in the kernel's numbering
 * (include/net/tcp_states.h, 1 to 12), which /proc/net/tcp prints.
 */
export const TCP_STATES = [
  "ESTAB",
  "SYN-SENT",
  "SYN-RECV",
  "FIN-WAIT-1",
  "FIN-WAIT-2",
  "TIME-WAIT",
  "CLOSE",
  "CLOSE-WAIT",
  "LAST-ACK",
  "LISTEN",
  "CLOSING",
  "NEW-SYN-RECV",
] as const;
export type TcpState = (typeof TCP_STATES)[number];

export interface ServerSideGroup {
  port: number;
  count: number;
  /** false: the port was not listening when sampled, but lies outside ip_local_port_range, so the socket was closed locally on a fixed port (a listener that stopped, or an explicit bind). Absent: listening. */
  listening?: boolean;
}
export interface ClientSideGroup {
  peer: string;
  count: number;
}

export interface TimeWaitBreakdown {
  total: number;
  server: number;
  client: number;
  serverPorts: number;
  clientPeers: number;
  byListeningPort: ServerSideGroup[];
  byPeer: ClientSideGroup[];
  /** How many of `server` are on ports not listening when sampled (`listening: false` groups); absent in older bundles. */
  serverNotListening?: number;
}

/** A process found holding a socket: a listener on a port, or a connection toward a destination. */
export interface SocketProcess {
  pid: number;
  /** Real uid of the process, null when its status could not be read. */
  uid: number | null;
  /** The process name as the kernel keeps it (`/proc/PID/comm`, at most 15 characters). */
  command: string;
}

/**
 * Who is behind one TIME_WAIT group. A TIME_WAIT socket has no process: the server side belongs to
 * the process listening on its port, the client side to the processes holding connections to its
 * destination now.
 */
export interface SocketOwner {
  /** Owner of the listening or connected sockets as the kernel lists it (the uid of /proc/net/tcp), null when none is open. */
  uid: number | null;
  /** Listeners on the port, or connections open (or opening) toward the destination now. */
  sockets: number;
  /** Processes found holding those sockets (fewer than exist when some could not be looked into); null when the group was not looked up (it rose to the top since the last look). */
  processes: number | null;
  /** The first of them (at most three). */
  shown: SocketProcess[];
}

export interface SocketOwners {
  /** Processes whose open files the probe's account could not read, so whose sockets it cannot match; 0 when it saw every one, null when it had no socket to look for. */
  hiddenProcesses: number | null;
  /** The probe ran as root (directly or through its sudo rule): what it could not read, no account could. */
  asRoot: boolean;
  /** Listening ports of the largest server-side groups (the ten first of `byListeningPort` that listen now). */
  byPort: Record<number, SocketOwner>;
  /** Destinations of the largest client-side groups (the ten first of `byPeer`). */
  byPeer: Record<string, SocketOwner>;
  /** When the host's processes were looked into (epoch ms, host clock): a serving probe looks at most once a minute. Null when it never had to. */
  lookedAt: number | null;
  /** Account names by uid, from the host's passwd file. */
  users: Record<number, string>;
}

/** What runs in a network namespace, as its cgroup path tells (`/kubepods/…`, `docker-<id>.scope`, …). */
export interface ContainerRef {
  runtime: "kubernetes" | "docker" | "containerd" | "podman" | "lxc";
  /** The container's id (or an LXC container's name); absent when the path names only a pod. */
  id?: string;
  /** The pod's uid, for Kubernetes. */
  pod?: string;
}

/** One network namespace of a host other than the probe's own: a container's, a pod's. */
export interface NamespaceSample {
  /** Its identity: the inode of /proc/PID/ns/net. */
  inode: number;
  /** The lowest pid in it, through which it was read, and how many processes it holds. */
  pid: number;
  processes: number;
  /** What to call it: the pod's or container's hostname, else its container, else the command of its process. */
  name: string;
  hostname: string | null;
  cgroup: string | null;
  container: ContainerRef | null;
  command: string | null;
  states: Partial<Record<TcpState, number>>;
  /** Its largest groups: ten ports and ten destinations. */
  timeWait: TimeWaitBreakdown;
  /** Its own sysctls, read inside it (empty where nsenter is missing). */
  sysctls: Record<string, string>;
  /** The processes of the namespace behind its largest groups. */
  owners: Pick<SocketOwners, "byPort" | "byPeer">;
  problems: string[];
}

export interface HostNamespaces {
  /** The probe's own namespace. */
  self: number;
  /** Processes whose namespace could not be read (not root): their namespaces are not counted. */
  hiddenProcesses: number;
  /** Namespaces other than the probe's. */
  total: number;
  /** The largest by TIME_WAIT (at most 20). */
  shown: NamespaceSample[];
  /** TIME_WAIT of the namespaces not shown. */
  othersTimeWait: number;
  /** Account names by uid for the processes named, from the host's passwd file. */
  users: Record<number, string>;
}

/** The netfilter connection-tracking table of the host's namespace. */
export interface ConntrackTable {
  /** Entries by TCP state, from /proc/net/nf_conntrack (root only); null where it could not be read. */
  entries: number | null;
  tcp: number | null;
  /** TCP entries in the table's own TIME_WAIT state (nf_conntrack_tcp_timeout_time_wait, 120 s by default). */
  timeWait: number | null;
  /** When the table was read (epoch ms, host clock): a serving probe reads it once a minute. */
  readAt: number | null;
  /** The probe stopped reading at its limit: the counts are lower bounds. */
  truncated: boolean;
  /** Since boot, summed over the CPUs (/proc/net/stat/nf_conntrack, any account): failed inserts (NAT out of ports, a clash) and packets dropped. */
  insertFailed: number | null;
  drop: number | null;
  earlyDrop: number | null;
}

export interface Sockstat {
  tcpInuse: number | null;
  tcpOrphan: number | null;
  /** TIME_WAIT sockets in the namespace (IPv4 and IPv6). */
  tcpTw: number | null;
  tcpAlloc: number | null;
  tcp6Inuse: number | null;
}

export interface ConfiguredSysctl {
  file: string;
  key: string;
  value: string;
  /** 1-based line number in `file`, when the input gave it. */
  line?: number;
}

/** One poll's worth of facts about a host, parsed from a probe bundle. */
export interface HostSample {
  /** Host clock at probe time, epoch ms (informational: rates use the collector's clock). */
  hostTime: number | null;
  uptimeSeconds: number | null;
  /** MemTotal of /proc/meminfo in KiB (absent in older bundles): sizes the kernel's default tcp_max_tw_buckets. */
  memTotalKb?: number | null;
  hostname: string | null;
  user: string | null;
  kernel: string | null;
  socketSource: "ss" | "proc" | null;
  sockstat: Sockstat;
  /** Kernel counters by `Group.Name`, e.g. `TcpExt.TW`, `Tcp.ActiveOpens` (and the gauge `Tcp.CurrEstab`). */
  counters: Record<string, number>;
  sysctls: Record<string, string>;
  missingSysctls: string[];
  /** TIME_WAIT-related lines of the sysctl files on disk, in the order the probe listed them (absent in older bundles). */
  configuredSysctls?: ConfiguredSysctl[];
  deniedSysctls: string[];
  states: Partial<Record<TcpState, number>>;
  listeningPorts: number[];
  timeWait: TimeWaitBreakdown;
  /** The processes behind the largest TIME_WAIT groups; absent in older bundles and where the sockets were read with ss. */
  owners?: SocketOwners;
  /** The host's other network namespaces (containers, pods); absent in older bundles and where the probe could not tell them. */
  namespaces?: HostNamespaces;
  /** The conntrack table; absent in older bundles and where netfilter's connection tracking is not loaded. */
  conntrack?: ConntrackTable;
  /** Non-fatal problems the probe reported (`! …` lines), prefixed with their section. */
  problems: string[];
}

/** Per-second rates of the counters the product charts, between two samples. */
export interface SampleRates {
  twPerSec: number | null;
  twRecycledPerSec: number | null;
  twKilledPerSec: number | null;
  twOverflowPerSec: number | null;
  pawsPassivePerSec: number | null;
  activeOpensPerSec: number | null;
  passiveOpensPerSec: number | null;
  listenDropsPerSec: number | null;
}

/** Every status a host can be in, in the order a status filter lists them. */
export const HOST_STATUSES = [
  "ok",
  "pending",
  "unreachable",
  "timeout",
  "auth-failed",
  "host-key-mismatch",
  "host-key-unknown",
  "probe-error",
] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

/** Where a host's data comes from: polled over SSH, the local probe, or bundles a user pasted or uploaded. */
export type HostTransport = "ssh" | "local" | "bundle";
/** How twscope logs in over SSH: a key file on the server, the server's ssh-agent, or a secret stored encrypted in twscope. */
export type SshAuthMethod = "key" | "agent" | "stored";
export type StoredSecretKind = "private-key" | "password";

/** How twscope reaches a host over SSH, as stored and shown: names of things, never a secret. */
export interface SshSettings {
  address: string;
  port: number;
  username: string;
  authMethod: SshAuthMethod;
  keyPath: string | null;
  passphraseEnv: string | null;
}
