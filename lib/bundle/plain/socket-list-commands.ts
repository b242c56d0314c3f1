// Which socket list a command printed: ss, netstat, BusyBox netstat or /proc/net/tcp, their options and ss's state filter.
import type { Message } from "../../i18n/message";
import type { TcpState } from "../../types";
import { andList, inputNote } from "../input-note";
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

export type SocketListOrIgnored = SocketListSpec | { kind: "ignored"; reason: Message };

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
// Options that print something else than the socket list: why is `advice.input.ignored.why.<tool>.<option>`.
const WHY: Record<"ss" | "netstat", string> = { ss: "srKE", netstat: "srcigM" };

const ignored = (key: string, values?: Message["values"]): SocketListOrIgnored => ({
  kind: "ignored",
  reason: inputNote(`ignored.${key}`, values),
});

/** Recognises an ss or netstat command line (`tool` is the program, `args` its arguments). */
export function recogniseSocketList(cmd: NormalisedCommand, tool: "ss" | "netstat" | "busybox", args = cmd.args): SocketListOrIgnored {
  const { flags, unknownLong, operands } = readFlags(args, LONG);
  const how = inputNote("ignored.run", { command: HOW[tool] });
  const name = tool === "busybox" ? "busybox netstat" : tool;
  const unsupported = [...flags].filter((f) => !ALLOWED[tool].includes(f));
  for (const f of unsupported) {
    const family = tool === "ss" ? "ss" : "netstat";
    if (WHY[family].includes(f)) return ignored("flag", { tool: name, flag: f, why: inputNote(`ignored.why.${family}.${f}`), how });
  }
  if (unsupported.length || unknownLong.length) {
    const listed = [...unsupported.map((f) => `-${f}`), ...unknownLong].join(" ");
    return ignored("unknownOption", { options: listed, how });
  }
  const tables = [...TABLES[tool]].filter((f) => flags.has(f));
  if (!flags.has("t") && tables.length) {
    const flagsGiven = tables.map((f) => `-${f}`).join(" ");
    return ignored("notTcp", { tool: name, flags: flagsGiven, tables: andList(tables.map((f) => TABLE_NAMES[f]!)), how });
  }
  if (!flags.has("n")) return ignored("noNumeric", { how });
  const families: IpFamily[] = flags.has("4") === flags.has("6") ? ["4", "6"] : flags.has("4") ? ["4"] : ["6"];
  if (tool !== "ss") {
    if (operands.length) return ignored("operand", { tool: name, operand: operands[0]!, how });
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
  if ("unknownState" in filter) return ignored("ssState", { state: filter.unknownState });
  const listenOnly = filter.states === null ? flags.has("l") && !flags.has("a") : filter.single === "LISTEN";
  if (filter.states === null && !flags.has("a") && !flags.has("l")) {
    return ignored("noAll", { how });
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
  | { unknownState: string };

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
    if (!states) return { unknownState: name };
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
