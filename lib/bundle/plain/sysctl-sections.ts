// Sysctl values (`sysctl -a`, `sysctl NAME`, `cat /proc/sys/...`) and sysctl files (`cat /etc/sysctl.conf` …).
import type { Message } from "../../i18n/message";
import type { ConfiguredSysctl } from "../../types";
import { inputNote } from "../input-note";
import { parseSysctlLines } from "../parse-sysctls";
import { readFlags, type NormalisedCommand } from "./command-sections";

export interface SysctlSpec {
  kind: "sysctl";
  dumpAll: boolean;
  names: string[];
  valuesOnly: boolean;
  patterned: boolean;
}

/** Recognises a `sysctl` command line: which sysctls it asks for, and whether it prints their names (-n does not). */
export function recogniseSysctl(cmd: NormalisedCommand): SysctlSpec | { kind: "ignored"; reason: Message } {
  const { flags, operands } = readFlags(cmd.args, { all: "a", values: "n", names: "N", pattern: "r" });
  if (flags.has("N")) return { kind: "ignored", reason: inputNote("ignored.sysctlNames") };
  const patterned = flags.has("r");
  return {
    kind: "sysctl",
    dumpAll: flags.has("a") || flags.has("A") || flags.has("X"),
    names: patterned ? [] : operands.filter((o) => !o.includes("=")).map((o) => o.replace(/\//g, ".")),
    valuesOnly: flags.has("n"),
    patterned,
  };
}

/** The sysctls the probe reads (server/probe/twscope-probe.sh), in the order it prints them: the ones a sample names as missing. */
export const PROBE_SYSCTLS = [
  "net.ipv4.tcp_tw_reuse",
  "net.ipv4.tcp_tw_recycle",
  "net.ipv4.tcp_tw_reuse_delay",
  "net.ipv4.tcp_timestamps",
  "net.ipv4.tcp_max_tw_buckets",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_fin_timeout",
  "net.core.somaxconn",
  "net.ipv4.tcp_max_syn_backlog",
  "net.ipv4.tcp_syncookies",
  "net.netfilter.nf_conntrack_tcp_timeout_time_wait",
  "net.netfilter.nf_conntrack_count",
  "net.netfilter.nf_conntrack_max",
  "net.ipv4.tcp_tw_timeout",
  "net.ipv4.ip_local_reserved_ports",
];

export interface SysctlOutput {
  /** `net.*` values only: the rest of `sysctl -a` is of no use here. */
  values: Record<string, string>;
  missing: string[];
  denied: string[];
}

const dotted = (path: string) => path.replace(/^\/proc\/sys\//, "").replace(/\//g, ".");

/**
 * Reads what a `sysctl` command printed: `name = value` lines, and the errors procps writes when
 * they were pasted too (`sysctl: cannot stat /proc/sys/NAME: No such file or directory`,
 * `sysctl: permission denied on key 'NAME'`). A probe sysctl that the command asked for (by
 * `-a`, its name or a prefix such as `net.ipv4`) but did not print is missing from the kernel;
 * nothing is concluded from output that went through a pipe or a `-r` pattern.
 */
export function readSysctlOutput(lines: string[], spec: SysctlSpec, piped: boolean): SysctlOutput {
  const missing: string[] = [];
  const denied: string[] = [];
  const rest: string[] = [];
  for (const line of lines) {
    const stat = /cannot stat (\/proc\/sys\/\S+?):? No such file/.exec(line);
    const perm = /permission denied on key ['"]?([\w.\-/]+)/i.exec(line);
    if (stat) missing.push(dotted(stat[1]!));
    else if (perm) denied.push(dotted(perm[1]!));
    else rest.push(line);
  }
  // `sysctl -n NAME` prints the bare value; with several names the values cannot be told apart.
  if (spec.valuesOnly && spec.names.length !== 1) return { values: {}, missing, denied };
  const value = rest
    .find((l) => l.trim() !== "")
    ?.trim()
    .replace(/\s+/g, " ");
  const all = spec.valuesOnly ? (value === undefined ? {} : { [spec.names[0]!]: value }) : parseSysctlLines(rest);
  const values = Object.fromEntries(Object.entries(all).filter(([name]) => name.startsWith("net.")));
  if (!piped && !spec.patterned) {
    const asked = (name: string) => spec.dumpAll || spec.names.some((n) => name === n || name.startsWith(`${n}.`));
    for (const name of PROBE_SYSCTLS) {
      if (asked(name) && !(name in values) && !denied.includes(name) && !missing.includes(name)) missing.push(name);
    }
  }
  return { values, missing, denied };
}

/** `cat /proc/sys/net/...`: one value, or the error cat printed. */
export function readSysctlFile(lines: string[], name: string): SysctlOutput {
  const text = lines.join(" ").trim();
  if (/No such file/.test(text)) return { values: {}, missing: [name], denied: [] };
  if (/Permission denied/i.test(text)) return { values: {}, missing: [], denied: [name] };
  return { values: text ? { [name]: text.replace(/\s+/g, " ") } : {}, missing: [], denied: [] };
}

/** `cat`, `head`, `tail` or `grep` over sysctl configuration files. */
export interface SysctlConfSpec {
  kind: "sysctl-conf";
  tool: "cat" | "head" | "tail" | "grep";
  /** The one file the lines come from when the output does not name it, or null. */
  file: string | null;
  /** Whether the output starts at the top of each file (`cat`, `head`), so counting lines numbers them. */
  fromTop: boolean;
}

/** The files systemd-sysctl and `sysctl --system` read (sysctl.d(5)), and `/etc/sysctl*` globs. */
const CONF_PATH = /^\/(etc\/sysctl(\.conf$|\.d\/|\.d$|\*)|(run|lib|usr\/lib|usr\/local\/lib)\/sysctl\.d(\/|$))/;
// The keys the probe keeps (server/probe/twscope-probe.sh, function conf): TIME_WAIT-related only.
const TW_KEY =
  /^net\.(ipv4\.(tcp_tw_|tcp_timestamps|tcp_max_tw_buckets|ip_local_port_range|tcp_fin_timeout)|netfilter\.nf_conntrack_(max|tcp_timeout_time_wait)|core\.somaxconn)/;
/** The probe lists at most this many configured lines. */
export const MAX_CONFIGURED = 100;

const VALUE_OPTIONS: Record<SysctlConfSpec["tool"], string> = { cat: "", head: "nc", tail: "nc", grep: "efmABCdD" };
const TOOLS = new Set(["cat", "head", "tail", "grep", "egrep"]);

export type SysctlConfOrIgnored = SysctlConfSpec | { kind: "ignored"; reason: Message } | null;

/** Recognises a command printing sysctl files; null when it reads none. */
export function recogniseSysctlConf(cmd: NormalisedCommand): SysctlConfOrIgnored {
  if (!TOOLS.has(cmd.tool)) return null;
  const tool = cmd.tool === "egrep" ? "grep" : (cmd.tool as SysctlConfSpec["tool"]);
  const { flags, operands, values } = readOptions(cmd.args, VALUE_OPTIONS[tool]);
  const files = tool === "grep" && !values.has("e") && !values.has("f") ? operands.slice(1) : operands;
  if (!files.some((f) => CONF_PATH.test(f))) return null;
  if (tool === "grep" && [..."clLoq"].some((f) => flags.has(f))) {
    return { kind: "ignored", reason: inputNote("ignored.grepNoLines") };
  }
  if ((tool === "head" || tool === "tail") && values.has("c")) {
    return { kind: "ignored", reason: inputNote("ignored.cutsBytes", { tool }) };
  }
  if (tool === "cat" && files.length > 1) {
    return {
      kind: "ignored",
      reason: inputNote("ignored.catSeveral", { marker: "==> FILE <==" }),
    };
  }
  const fromTop = (tool === "cat" || tool === "head" || (tool === "tail" && values.get("n") === "+1")) && !cmd.piped;
  return { kind: "sysctl-conf", tool, file: files.length === 1 ? files[0]! : null, fromTop };
}

/**
 * The TIME_WAIT-related `key = value` lines of the printed files, as the probe lists them: leading
 * blanks and a `-` (ignore-errors mark) dropped, blanks around the key and value trimmed and runs
 * of blanks in the value squeezed. The file comes from `==> FILE <==` separators (head, tail),
 * `FILE:` or `FILE:LINE:` prefixes (grep), or the one file named on the command line (a glob such
 * as `/etc/sysctl.d/*.conf` stands for the files it matched, in their order).
 */
export function readSysctlConf(lines: string[], spec: SysctlConfSpec): ConfiguredSysctl[] {
  const out: ConfiguredSysctl[] = [];
  let file = spec.file;
  const numbers = (f: string | null) => spec.fromTop && f !== null && !f.includes("*");
  let numbered = numbers(file);
  let lineNo = 0;
  for (const raw of lines) {
    const separator = /^==> (.+) <==$/.exec(raw.trim());
    if (separator && spec.tool !== "grep") {
      file = separator[1]!;
      numbered = numbers(file);
      lineNo = 0;
      continue;
    }
    lineNo++;
    let text = raw;
    let at: string | null = file;
    let line: number | undefined = numbered ? lineNo : undefined;
    if (spec.tool === "grep") {
      const m = /^(\/[^:\s]*):(?:(\d+):)?(.*)$/.exec(raw) ?? /^()(\d+):(.*)$/.exec(raw);
      if (m) {
        at = m[1] || file;
        line = m[2] === undefined ? undefined : Number(m[2]);
        text = m[3]!;
      } else {
        line = undefined;
      }
    }
    const entry = confEntry(text);
    if (entry && at && CONF_PATH.test(at)) out.push({ file: at, ...entry, ...(line === undefined ? {} : { line }) });
  }
  return out;
}

function confEntry(raw: string): { key: string; value: string } | null {
  const line = raw.replace(/^[ \t]*-?[ \t]*/, "");
  if (!TW_KEY.test(line)) return null;
  const eq = line.indexOf("=");
  if (eq === -1) return null;
  return {
    key: line.slice(0, eq).replace(/[ \t]+$/, ""),
    value: line
      .slice(eq + 1)
      .trim()
      .replace(/[ \t]+/g, " "),
  };
}

/** Short flags, options that take a value (`-n 20`, `-n20`, `--lines=20`), and the operands. */
function readOptions(args: string[], withValue: string) {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  const long: Record<string, string> = {
    lines: "n",
    bytes: "c",
    regexp: "e",
    file: "f",
    "max-count": "m",
    recursive: "r",
    "line-number": "n",
    "with-filename": "H",
    "no-filename": "h",
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith("--") && arg.length > 2) {
      const [name, value] = arg.slice(2).split("=", 2) as [string, string | undefined];
      const letter = long[name];
      if (!letter) continue;
      if (withValue.includes(letter)) values.set(letter, value ?? args[++i] ?? "");
      else flags.add(letter);
    } else if (/^-\d+$/.test(arg) && withValue.includes("n")) {
      values.set("n", arg.slice(1));
    } else if (arg.startsWith("-") && arg.length > 1) {
      for (let k = 1; k < arg.length; k++) {
        const ch = arg[k]!;
        if (!withValue.includes(ch)) {
          flags.add(ch);
          continue;
        }
        values.set(ch, arg.slice(k + 1) || (args[++i] ?? ""));
        break;
      }
    } else {
      operands.push(arg);
    }
  }
  return { flags, values, operands };
}
