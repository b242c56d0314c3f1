// The rows of a socket table as ss, netstat or /proc/net/tcp print them, and the peer keys they group by.
import { TCP_STATES, type TcpState } from "../../types";

/** One TCP socket of a list, addresses as the tool printed them (`[::1]:80`, `:::22`, `*:22`). */
export interface SocketRow {
  state: TcpState | "UNKNOWN";
  local: string;
  peer: string;
}

export interface SocketTable {
  rows: SocketRow[];
  /** The last row ended before its peer address: the paste was cut short. */
  truncated: boolean;
  /** Lines that are neither a header nor a TCP socket row. */
  unread: number;
}

const SS_STATES: Record<string, TcpState> = {
  ESTAB: "ESTAB",
  "SYN-SENT": "SYN-SENT",
  "SYN-RECV": "SYN-RECV",
  "FIN-WAIT-1": "FIN-WAIT-1",
  "FIN-WAIT-2": "FIN-WAIT-2",
  "TIME-WAIT": "TIME-WAIT",
  UNCONN: "CLOSE",
  CLOSE: "CLOSE",
  "CLOSE-WAIT": "CLOSE-WAIT",
  "LAST-ACK": "LAST-ACK",
  LISTEN: "LISTEN",
  CLOSING: "CLOSING",
  "NEW-SYN-RECV": "NEW-SYN-RECV",
};
// net-tools' names (netstat.c tcp_state[]).
const NETSTAT_STATES: Record<string, TcpState> = {
  ESTABLISHED: "ESTAB",
  SYN_SENT: "SYN-SENT",
  SYN_RECV: "SYN-RECV",
  FIN_WAIT1: "FIN-WAIT-1",
  FIN_WAIT2: "FIN-WAIT-2",
  TIME_WAIT: "TIME-WAIT",
  CLOSE: "CLOSE",
  CLOSE_WAIT: "CLOSE-WAIT",
  LAST_ACK: "LAST-ACK",
  LISTEN: "LISTEN",
  CLOSING: "CLOSING",
};
const HEADER_WORDS = new Set(["State", "Recv-Q", "Netid", "Peer", "Address:Port", "Active", "Proto"]);
const SS_NOTES = /^(Failed to find cgroup2 mount|RTNETLINK answers: |Cannot open netlink socket)/;
const NETIDS = new Set([
  "tcp",
  "udp",
  "raw",
  "mptcp",
  "icmp6",
  "dccp",
  "tipc",
  "vsock",
  "sctp",
  "u_str",
  "u_dgr",
  "u_seq",
  "p_raw",
  "p_dgr",
  "nl",
  "v_str",
  "v_dgr",
  "xdp",
]);

/** Maps an ss or netstat state name to the name `ss -tan` prints (`TIME_WAIT` → `TIME-WAIT`). */
function toSsState(name: string): TcpState | "UNKNOWN" {
  return SS_STATES[name] ?? NETSTAT_STATES[name] ?? "UNKNOWN";
}

/**
 * Reads `ss -tan` style output: `STATE Recv-Q Send-Q Local Peer [Process]`, or without the State
 * column when one state was selected (`ss -tan state time-wait`, then `state` is that state), with
 * or without a header, with or without a Netid column (only `tcp` rows are read, as `ss -tan`
 * lists them). Like the probe, joins rows that ss 4.15 to 5.5 broke over several lines when
 * writing to a pipe (rows wider than 80 columns); skips the indented lines -i and -m add
 * under a row, and the notes ss writes to stderr when it cannot read cgroups or a netlink table.
 */
export function parseSsTable(lines: string[], state: TcpState | null): SocketTable {
  const rows: SocketRow[] = [];
  let part = "";
  let unread = 0;
  for (const raw of lines) {
    let fields = (part ? `${part} ${raw}` : raw).trim().split(/\s+/);
    const joined = part !== "";
    part = "";
    if (fields[0] === "" || SS_NOTES.test(raw)) continue;
    if (NETIDS.has(fields[0]!)) {
      if (fields[0] !== "tcp") continue;
      fields = fields.slice(1);
    }
    const bare = state !== null && /^\d+$/.test(fields[0]!);
    if (!joined && /^\s/.test(raw) && !bare && !/^[A-Z][A-Z0-9-]*$/.test(fields[0]!)) continue;
    const needed = bare ? 4 : 5;
    if (!bare && !/^[A-Z][A-Z0-9-]*$/.test(fields[0]!)) {
      if (!HEADER_WORDS.has(fields[0]!)) unread++;
      continue;
    }
    if (fields.length < needed) {
      part = fields.join(" ");
      continue;
    }
    const [first, , , local, peer] = bare ? ["", ...fields] : fields;
    rows.push({ state: bare ? state! : toSsState(first!), local: local!, peer: peer! });
  }
  return { rows, truncated: part !== "", unread };
}

// What net-tools' -p prints to stderr when not run as root.
const NETSTAT_NOTES =
  /^\s*(\(Not all processes could be identified|\(No info could be read for "-p"|will not be shown, you would have to be root)/;
// Rows of other protocols in net-tools' and BusyBox's Internet list.
const NETSTAT_OTHER = /^(udp|udpl|raw|sctp)6?$/;

/**
 * Reads `netstat -ant` output, net-tools' or BusyBox's: `Proto Recv-Q Send-Q Local Foreign State`
 * and whatever -e, -o and -p add after State. Without -t the other protocols' rows and the
 * sections after the Internet one (`Active UNIX domain sockets` …) are skipped, and so is the
 * note -p writes when not run as root.
 */
export function parseNetstatTable(lines: string[]): SocketTable {
  const rows: SocketRow[] = [];
  let unread = 0;
  let truncated = false;
  let internet = true;
  lines.forEach((line, i) => {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === "Active") internet = /^\s*Active Internet connections/.test(line);
    if (!internet || fields[0] === "" || HEADER_WORDS.has(fields[0]!) || NETSTAT_OTHER.test(fields[0]!) || NETSTAT_NOTES.test(line)) return;
    if (!/^tcp6?$/.test(fields[0]!)) return void unread++;
    if (fields.length < 6) {
      if (i === lines.length - 1) truncated = true;
      else unread++;
      return;
    }
    rows.push({ state: toSsState(fields[5]!), local: fields[3]!, peer: fields[4]! });
  });
  return { rows, truncated, unread };
}

const ROW =
  /^\s*\d+:\s+([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{2})\b/;

/**
 * Reads `cat /proc/net/tcp` and `cat /proc/net/tcp6`: `sl: local remote st …` with addresses in
 * hex. The kernel prints each 32-bit word of an address in the host's byte order (so 127.0.0.1 is
 * `0100007F` on x86 and arm64) and ports as plain numbers; `bigEndian` is for s390x and other
 * big-endian hosts. Addresses come out as ss prints them (`[::ffff:10.0.0.1]:80`), so peers group
 * as in the probe.
 */
export function parseProcNetTcp(lines: string[], bigEndian: boolean): SocketTable {
  const rows: SocketRow[] = [];
  let unread = 0;
  let truncated = false;
  lines.forEach((line, i) => {
    if (line.trim() === "" || /^\s*sl\s+local_address/.test(line)) return;
    const m = ROW.exec(line);
    if (!m) {
      if (i === lines.length - 1 && /^\s*\d+:/.test(line)) truncated = true;
      else unread++;
      return;
    }
    // The kernel's state numbers (include/net/tcp_states.h), 1 to 12, are TCP_STATES' order.
    const state = TCP_STATES[parseInt(m[5]!, 16) - 1] ?? "UNKNOWN";
    rows.push({ state, local: endpoint(m[1]!, m[2]!, bigEndian), peer: endpoint(m[3]!, m[4]!, bigEndian) });
  });
  return { rows, truncated, unread };
}

function endpoint(hexAddr: string, hexPort: string, bigEndian: boolean): string {
  const words = hexAddr.match(/.{8}/g)!.map((w) => (bigEndian ? w : w.match(/../g)!.reverse().join("")));
  const port = parseInt(hexPort, 16);
  if (words.length === 1) return `${bytesOf(words[0]!).join(".")}:${port}`;
  const groups = words.flatMap((w) => [w.slice(0, 4), w.slice(4)]).map((g) => parseInt(g, 16));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `[::ffff:${bytesOf(words[3]!).join(".")}]:${port}`;
  return `[${groups.map((g) => g.toString(16)).join(":")}]:${port}`;
}

const bytesOf = (word: string) => word.match(/../g)!.map((b) => parseInt(b, 16));

/** The port of an `address:port` as ss or netstat print it: the text after the last colon. */
export function portOf(endpoint: string): string {
  return endpoint.slice(endpoint.lastIndexOf(":") + 1);
}

/**
 * The probe's client-side group key for a remote `address:port`: brackets and `%scope` dropped,
 * `::ffff:`-mapped IPv4 written as plain IPv4, other IPv6 addresses in brackets in lowercase
 * RFC 5952 form (`[2001:db8::1]:443`). ss and netstat already print RFC 5952 text; hand-edited
 * text (upper case, zeros written out) is brought to the same form.
 */
export function formatPeer(endpoint: string): string {
  const colon = endpoint.lastIndexOf(":");
  const port = endpoint.slice(colon + 1);
  let addr = endpoint.slice(0, colon).replace(/[[\]]/g, "").replace(/%.*/, "");
  if (addr.includes(":")) addr = canonicalIpv6(addr);
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/.test(addr)) addr = addr.slice(7);
  return `${addr.includes(":") ? `[${addr}]` : addr}:${port}`;
}

/**
 * RFC 5952 text of an IPv6 address written with hex groups only; other text (dotted forms such
 * as `::ffff:1.2.3.4`, which inet_ntop already wrote in its final form, or anything that does
 * not parse) comes back lower-cased and otherwise unchanged.
 */
export function canonicalIpv6(text: string): string {
  const lower = text.toLowerCase();
  const groups = hexGroups(lower);
  if (!groups) return lower;
  // The longest run of two or more zero groups (the first one on a tie) becomes "::".
  let best = -1;
  let bestLen = 1;
  for (let i = 0, run = 0; i < 8; i++) {
    run = groups[i] === 0 ? run + 1 : 0;
    if (run > bestLen) {
      bestLen = run;
      best = i - run + 1;
    }
  }
  const hex = groups.map((g) => g.toString(16));
  if (best === -1) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

function hexGroups(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === "" ? [] : s.split(":"));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const words = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!words.every((w) => /^[0-9a-f]{1,4}$/.test(w))) return null;
  return words.map((w) => parseInt(w, 16));
}
