import type { ConfiguredSysctl } from "../../types";
import type { NormalisedCommand } from "./normalise-command";

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
const TW_KEY = /^net\.(ipv4\.(tcp_tw_|tcp_timestamps|tcp_max_tw_buckets|ip_local_port_range|tcp_fin_timeout)|netfilter\.nf_conntrack_(max|tcp_timeout_time_wait)|core\.somaxconn)/;
/** The probe lists at most this many configured lines. */
export const MAX_CONFIGURED = 100;

const VALUE_OPTIONS: Record<SysctlConfSpec["tool"], string> = { cat: "", head: "nc", tail: "nc", grep: "efmABCdD" };
const TOOLS = new Set(["cat", "head", "tail", "grep", "egrep"]);

export type SysctlConfOrIgnored = SysctlConfSpec | { kind: "ignored"; reason: string } | null;

/** Recognises a command printing sysctl files; null when it reads none. */
export function recogniseSysctlConf(cmd: NormalisedCommand): SysctlConfOrIgnored {
  if (!TOOLS.has(cmd.tool)) return null;
  const tool = cmd.tool === "egrep" ? "grep" : (cmd.tool as SysctlConfSpec["tool"]);
  const { flags, operands, values } = readOptions(cmd.args, VALUE_OPTIONS[tool]);
  const files = tool === "grep" && !values.has("e") && !values.has("f") ? operands.slice(1) : operands;
  if (!files.some((f) => CONF_PATH.test(f))) return null;
  if (tool === "grep" && [..."clLoq"].some((f) => flags.has(f))) {
    return { kind: "ignored", reason: "this grep prints no whole lines; run grep -r . /etc/sysctl.conf /etc/sysctl.d" };
  }
  if ((tool === "head" || tool === "tail") && values.has("c")) {
    return { kind: "ignored", reason: `${tool} -c cuts lines; run head -n 1000 /etc/sysctl.conf /etc/sysctl.d/*.conf` };
  }
  if (tool === "cat" && files.length > 1) {
    return { kind: "ignored", reason: "cat of several files does not say which file each line comes from; run head -n 1000 /etc/sysctl.conf /etc/sysctl.d/*.conf (it heads each file with ==> FILE <==)" };
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
  return { key: line.slice(0, eq).replace(/[ \t]+$/, ""), value: line.slice(eq + 1).trim().replace(/[ \t]+/g, " ") };
}

/** Short flags, options that take a value (`-n 20`, `-n20`, `--lines=20`), and the operands. */
function readOptions(args: string[], withValue: string) {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  const long: Record<string, string> = { lines: "n", bytes: "c", regexp: "e", file: "f", "max-count": "m", recursive: "r", "line-number": "n", "with-filename": "H", "no-filename": "h" };
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
        if (!withValue.includes(ch)) { flags.add(ch); continue; }
        values.set(ch, arg.slice(k + 1) || (args[++i] ?? ""));
        break;
      }
    } else {
      operands.push(arg);
    }
  }
  return { flags, values, operands };
}
