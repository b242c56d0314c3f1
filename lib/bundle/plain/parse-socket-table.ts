import type { TcpState } from "../../types";

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
  ESTAB: "ESTAB", "SYN-SENT": "SYN-SENT", "SYN-RECV": "SYN-RECV", "FIN-WAIT-1": "FIN-WAIT-1",
  "FIN-WAIT-2": "FIN-WAIT-2", "TIME-WAIT": "TIME-WAIT", UNCONN: "CLOSE", CLOSE: "CLOSE",
  "CLOSE-WAIT": "CLOSE-WAIT", "LAST-ACK": "LAST-ACK", LISTEN: "LISTEN", CLOSING: "CLOSING",
  "NEW-SYN-RECV": "NEW-SYN-RECV",
};
// net-tools' names (netstat.c tcp_state[]).
const NETSTAT_STATES: Record<string, TcpState> = {
  ESTABLISHED: "ESTAB", SYN_SENT: "SYN-SENT", SYN_RECV: "SYN-RECV", FIN_WAIT1: "FIN-WAIT-1",
  FIN_WAIT2: "FIN-WAIT-2", TIME_WAIT: "TIME-WAIT", CLOSE: "CLOSE", CLOSE_WAIT: "CLOSE-WAIT",
  LAST_ACK: "LAST-ACK", LISTEN: "LISTEN", CLOSING: "CLOSING",
};
const HEADER_WORDS = new Set(["State", "Recv-Q", "Netid", "Peer", "Address:Port", "Active", "Proto"]);
const SS_NOTES = /^(Failed to find cgroup2 mount|RTNETLINK answers: |Cannot open netlink socket)/;
const NETIDS = new Set(["tcp", "udp", "raw", "mptcp", "icmp6", "dccp", "tipc", "vsock", "sctp", "u_str", "u_dgr", "u_seq", "p_raw", "p_dgr", "nl", "v_str", "v_dgr", "xdp"]);

/** Maps an ss or netstat state name to the name `ss -tan` prints (`TIME_WAIT` → `TIME-WAIT`). */
export function toSsState(name: string): TcpState | "UNKNOWN" {
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
const NETSTAT_NOTES = /^\s*(\(Not all processes could be identified|\(No info could be read for "-p"|will not be shown, you would have to be root)/;
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
