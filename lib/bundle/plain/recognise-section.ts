import type { TcpState } from "../../types";
import { normaliseCommand, readFlags, type NormalisedCommand } from "./normalise-command";
import { readSsStateFilter } from "./ss-state-filter";

/** A socket list: what `ss` or `netstat` printed, and what its options left out. */
export interface SocketListSpec {
  kind: "sockets";
  tool: "ss" | "netstat";
  /** Only listening sockets (`ss -ltn`, `netstat -ltn`, `ss -tan state listening`). */
  listenOnly: boolean;
  /** Whether LISTEN rows are in the list, so it tells which ports listen. */
  listenersIncluded: boolean;
  /** The single state a `state X` filter selects: ss then prints no State column. */
  state: TcpState | null;
  /** Why the list holds only some sockets (`state time-wait`, `-4`), or null for a whole list. */
  filter: string | null;
  /** `netstat -W`: IPv6 addresses are not cut to fit a column. */
  wide: boolean;
}

export interface SysctlSpec { kind: "sysctl"; dumpAll: boolean; names: string[]; valuesOnly: boolean; patterned: boolean }

export type SectionSpec =
  | { kind: "kernel" | "uname-all" | "hostname" | "uptime" | "proc-net" }
  | { kind: "sysctl-file"; name: string }
  | SysctlSpec
  | SocketListSpec
  | { kind: "ignored"; reason: string };

const PROC_NET = /^\/proc\/(self\/)?net\/(sockstat6?|netstat|snmp)$/;
const LONG = { tcp: "t", all: "a", numeric: "n", listening: "l", "no-header": "H", processes: "p", program: "p",
  options: "o", timers: "o", extended: "e", extend: "e", info: "i", memory: "m", ipv4: "4", ipv6: "6", udp: "u", wide: "W" };

/** Says which command printed a section, from its `### <command>` heading. */
export function recogniseSection(heading: string): SectionSpec {
  const cmd = normaliseCommand(heading);
  const paths = cmd.allWords.filter((w) => w.startsWith("/proc/"));
  if (paths.some((p) => PROC_NET.test(p))) return { kind: "proc-net" };
  if (paths.includes("/proc/sys/kernel/osrelease")) return { kind: "kernel" };
  if (paths.includes("/proc/sys/kernel/hostname")) return { kind: "hostname" };
  if (paths.includes("/proc/uptime")) return { kind: "uptime" };
  if (paths.length === 1 && paths[0]!.startsWith("/proc/sys/net/") && cmd.tool === "cat") {
    return { kind: "sysctl-file", name: paths[0]!.slice("/proc/sys/".length).replace(/\//g, ".") };
  }
  const arg = cmd.args.join(" ");
  if (cmd.tool === "uname") {
    if (arg === "-r" || arg === "--kernel-release") return { kind: "kernel" };
    if (arg === "-a" || arg === "--all") return { kind: "uname-all" };
    if (arg === "-n" || arg === "--nodename") return { kind: "hostname" };
  }
  if (cmd.tool === "hostname" && /^(-[fs]|--fqdn|--short)?$/.test(arg)) return { kind: "hostname" };
  if (cmd.tool === "sysctl") return recogniseSysctl(cmd);
  if (cmd.tool === "ss" || cmd.tool === "netstat") return recogniseSocketList(cmd, cmd.tool);
  return { kind: "ignored", reason: "not a command twscope reads" };
}

function recogniseSysctl(cmd: NormalisedCommand): SectionSpec {
  const { flags, operands } = readFlags(cmd.args, { all: "a", values: "n", names: "N", pattern: "r" });
  if (flags.has("N")) return { kind: "ignored", reason: "sysctl -N prints names without values" };
  const patterned = flags.has("r");
  return {
    kind: "sysctl",
    dumpAll: flags.has("a") || flags.has("A") || flags.has("X"),
    names: patterned ? [] : operands.filter((o) => !o.includes("=")).map((o) => o.replace(/\//g, ".")),
    valuesOnly: flags.has("n"),
    patterned,
  };
}

function recogniseSocketList(cmd: NormalisedCommand, tool: "ss" | "netstat"): SectionSpec {
  const { flags, unknownLong, operands } = readFlags(cmd.args, LONG);
  const allowed = tool === "ss" ? "tanlHpoeimu46" : "tanlpWeou46";
  const unsupported = [...[...flags].filter((f) => !allowed.includes(f)).map((f) => `-${f}`), ...unknownLong];
  if (unsupported.length) return { kind: "ignored", reason: `unsupported option ${unsupported.join(" ")}` };
  if (!flags.has("t")) return { kind: "ignored", reason: "not a TCP socket list (no -t)" };
  if (!flags.has("n")) return { kind: "ignored", reason: "without -n ports are printed as service names" };
  const family = flags.has("4") !== flags.has("6") ? (flags.has("4") ? "-4" : "-6") : null;
  if (tool === "netstat") {
    if (operands.length) return { kind: "ignored", reason: `unexpected argument ${operands[0]}` };
    const listenOnly = flags.has("l") && !flags.has("a");
    const filter = [family, cmd.piped ? "piped" : null].filter((f): f is string => f !== null).join(" ") || null;
    return { kind: "sockets", tool, listenOnly, listenersIncluded: (flags.has("a") || listenOnly) && !cmd.piped, state: null, filter, wide: flags.has("W") };
  }
  const filter = readSsStateFilter(operands);
  if ("error" in filter) return { kind: "ignored", reason: filter.error };
  const listenOnly = filter.states === null ? flags.has("l") && !flags.has("a") : filter.single === "LISTEN";
  if (filter.states === null && !flags.has("a") && !flags.has("l")) {
    return { kind: "ignored", reason: "without -a ss leaves out listening and TIME_WAIT sockets" };
  }
  // Output that went through a pipe (`| grep`, `| head`) may lack any row, listeners included.
  const listenersIncluded = (filter.states === null || filter.states.has("LISTEN")) && !filter.expression && !cmd.piped;
  const filters = [family, filter.text, cmd.piped ? "piped" : null].filter((f): f is string => f !== null);
  return { kind: "sockets", tool, listenOnly, listenersIncluded, state: filter.single, filter: filters.join(" ") || null, wide: true };
}
