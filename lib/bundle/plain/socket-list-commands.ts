// Which socket list a command printed: ss, netstat, BusyBox netstat or /proc/net/tcp, their options and ss's state filter.
import type { TcpState } from "../../types";
import { readFlags, type NormalisedCommand } from "./command-sections";

export type IpFamily = "4" | "6";

/** A socket list: what `ss`, `netstat`, `busybox netstat` or `cat /proc/net/tcp` printed, and what it left out. */
export interface SocketListSpec {
  kind: "sockets";
  tool: "ss" | "netstat" | "busybox" | "proc";
  /** The address families it lists: `-4`, `-6`, `/proc/net/tcp` or tcp6 list one. */
  families: IpFamily[];
  /** Only listening sockets (`ss -ltn`, `netstat -ltn`, `ss -tan state listening`). */
  listenOnly: boolean;
  /** Whether LISTEN rows are in the list, so it tells which ports listen. */
  listenersIncluded: boolean;
  /** The single state a `state X` filter selects: ss then prints no State column. */
  state: TcpState | null;
  /** Why the list holds only some sockets of its families (`state time-wait`, a pipe), or null. */
  filter: string | null;
  /** net-tools netstat without -W: it cuts long IPv6 addresses to fit its columns. */
  cutsIpv6: boolean;
}

export type SocketListOrIgnored = SocketListSpec | { kind: "ignored"; reason: string };

const LONG = {
  tcp: "t",
  all: "a",
  numeric: "n",
  listening: "l",
  "no-header": "H",
  processes: "p",
  program: "p",
  options: "o",
  timers: "o",
  extended: "e",
  extend: "e",
  info: "i",
  memory: "m",
  ipv4: "4",
  ipv6: "6",
  udp: "u",
  wide: "W",
  unix: "x",
  raw: "w",
  oneline: "O",
  inet: "4",
  inet6: "6",
};

// Options that only add columns or continuation lines, or select tables whose rows are skipped.
const ALLOWED = { ss: "tanlHpoeimu46xwO", netstat: "tanlpWeou46xwv", busybox: "tanlpWeuwx" };
// Options that select socket tables: with any of them and no -t, no TCP socket is listed.
const TABLES = { ss: "uxwdS0M", netstat: "uxwU", busybox: "uxw" };
const TABLE_NAMES: Record<string, string> = {
  u: "UDP",
  x: "Unix",
  w: "raw",
  d: "DCCP",
  S: "SCTP",
  "0": "packet",
  M: "MPTCP",
  U: "UDP-Lite",
};
const HOW = { ss: "ss -tan", netstat: "netstat -tan", busybox: "busybox netstat -tan" };
const WHY: Record<"ss" | "netstat", Record<string, string>> = {
  ss: {
    s: "prints a summary, not the sockets",
    r: "prints host and service names instead of addresses and ports",
    K: "closes sockets instead of listing them",
    E: "waits for socket events instead of listing the sockets",
  },
  netstat: {
    s: "prints protocol statistics, not the sockets",
    r: "prints the routing table, not the sockets",
    c: "repeats the list every second, so sockets would be counted several times",
    i: "prints interface statistics, not the sockets",
    g: "prints multicast groups, not the sockets",
    M: "prints masqueraded connections, not the sockets",
  },
};

const ignored = (reason: string): SocketListOrIgnored => ({ kind: "ignored", reason });

/** Recognises an ss or netstat command line (`tool` is the program, `args` its arguments). */
export function recogniseSocketList(cmd: NormalisedCommand, tool: "ss" | "netstat" | "busybox", args = cmd.args): SocketListOrIgnored {
  const { flags, unknownLong, operands } = readFlags(args, LONG);
  const how = `run ${HOW[tool]}`;
  const name = tool === "busybox" ? "busybox netstat" : tool;
  const unsupported = [...flags].filter((f) => !ALLOWED[tool].includes(f));
  for (const f of unsupported) {
    const why = WHY[tool === "ss" ? "ss" : "netstat"][f];
    if (why) return ignored(`${name} -${f} ${why}; ${how}`);
  }
  if (unsupported.length || unknownLong.length) {
    const listed = [...unsupported.map((f) => `-${f}`), ...unknownLong].join(" ");
    return ignored(
      `option ${listed} is not one twscope knows the output of; ${how} (options that add columns, such as -p -e -o, may stay)`,
    );
  }
  const tables = [...TABLES[tool]].filter((f) => flags.has(f));
  if (!flags.has("t") && tables.length) {
    const what = tables.map((f) => TABLE_NAMES[f]).join(" and ");
    return ignored(`${name} ${tables.map((f) => `-${f}`).join(" ")} lists ${what} sockets, not TCP ones (no -t); ${how}`);
  }
  if (!flags.has("n")) return ignored(`without -n, ports are printed as service names; ${how}`);
  const families: IpFamily[] = flags.has("4") === flags.has("6") ? ["4", "6"] : flags.has("4") ? ["4"] : ["6"];
  if (tool !== "ss") {
    if (operands.length) return ignored(`${name} takes no argument "${operands[0]}" here; ${how}`);
    const listenOnly = flags.has("l") && !flags.has("a");
    return {
      kind: "sockets",
      tool,
      families,
      listenOnly,
      listenersIncluded: (flags.has("a") || listenOnly) && !cmd.piped,
      state: null,
      filter: cmd.piped ? "piped" : null,
      cutsIpv6: tool === "netstat" && !flags.has("W"),
    };
  }
  const filter = readSsStateFilter(operands);
  if ("error" in filter)
    return ignored(`${filter.error}; ss(8) names the states (established, time-wait, listening, …) and groups (all, connected, bucket, …)`);
  const listenOnly = filter.states === null ? flags.has("l") && !flags.has("a") : filter.single === "LISTEN";
  if (filter.states === null && !flags.has("a") && !flags.has("l")) {
    return ignored(`without -a, ss leaves out listening and TIME_WAIT sockets; ${how}`);
  }
  // Output that went through a pipe (`| grep`, `| head`) may lack any row, listeners included.
  const listenersIncluded = (filter.states === null || filter.states.has("LISTEN")) && !filter.expression && !cmd.piped;
  const filters = [filter.text, cmd.piped ? "piped" : null].filter((f): f is string => f !== null);
  return {
    kind: "sockets",
    tool,
    families,
    listenOnly,
    listenersIncluded,
    state: filter.single,
    filter: filters.join(" ") || null,
    cutsIpv6: false,
  };
}

/** `cat /proc/net/tcp`, `cat /proc/net/tcp6` or both: the kernel's own socket tables. */
export function procSocketList(paths: string[], piped: boolean): SocketListSpec {
  const families: IpFamily[] = [];
  if (paths.some((p) => /\/net\/tcp$/.test(p))) families.push("4");
  if (paths.some((p) => /\/net\/tcp6$/.test(p))) families.push("6");
  return {
    kind: "sockets",
    tool: "proc",
    families,
    listenOnly: false,
    listenersIncluded: !piped,
    state: null,
    filter: piped ? "piped" : null,
    cutsIpv6: false,
  };
}

const NAMES: Record<string, TcpState> = {
  established: "ESTAB",
  "syn-sent": "SYN-SENT",
  "syn-recv": "SYN-RECV",
  "fin-wait-1": "FIN-WAIT-1",
  "fin-wait-2": "FIN-WAIT-2",
  "time-wait": "TIME-WAIT",
  closed: "CLOSE",
  "close-wait": "CLOSE-WAIT",
  "last-ack": "LAST-ACK",
  listening: "LISTEN",
  closing: "CLOSING",
};
const ALL = Object.values(NAMES);
const CONNECTED = ALL.filter((s) => s !== "LISTEN" && s !== "CLOSE");
const BUCKET: TcpState[] = ["SYN-RECV", "TIME-WAIT"];
// The groups `ss state` accepts (see ss(8)).
const GROUPS: Record<string, TcpState[]> = {
  all: ALL,
  connected: CONNECTED,
  synchronized: CONNECTED.filter((s) => s !== "SYN-SENT"),
  bucket: BUCKET,
  big: ALL.filter((s) => !BUCKET.includes(s)),
};

type SsStateFilter =
  | {
      /** States the list holds, or null when no `state`/`exclude` filter was given. */
      states: Set<TcpState> | null;
      /** The one state selected: ss then leaves out its State column. */
      single: TcpState | null;
      /** The filter as written, when the list is partial. */
      text: string | null;
      /** An address or port expression: only matching sockets are listed, listeners included. */
      expression: boolean;
    }
  | { error: string };

/** Reads the `state X`, `exclude X` and expression operands of an ss command line. */
function readSsStateFilter(operands: string[]): SsStateFilter {
  const selected = new Set<TcpState>();
  const excluded = new Set<TcpState>();
  const expression: string[] = [];
  let filtered = false;
  for (let i = 0; i < operands.length; i++) {
    const word = operands[i]!;
    if (word !== "state" && word !== "exclude" && word !== "except") {
      expression.push(word);
      continue;
    }
    const name = (operands[++i] ?? "").toLowerCase();
    const states = NAMES[name] ? [NAMES[name]] : GROUPS[name];
    if (!states) return { error: `unknown ss state "${name}"` };
    filtered = true;
    for (const s of states) (word === "state" ? selected : excluded).add(s);
  }
  if (!filtered && !expression.length) return { states: null, single: null, text: null, expression: false };
  const states = new Set(selected.size ? selected : ALL);
  for (const s of excluded) states.delete(s);
  const whole = states.size === ALL.length && !expression.length;
  return {
    states: filtered ? states : null,
    single: states.size === 1 ? [...states][0]! : null,
    text: whole ? null : operands.join(" "),
    expression: expression.length > 0,
  };
}
