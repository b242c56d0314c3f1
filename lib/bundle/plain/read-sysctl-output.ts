import { parseSysctlLines } from "../parse-sysctls";
import type { SysctlSpec } from "./recognise-section";

/** The sysctls the probe reads (server/probe/twscope-probe.sh): the ones a sample names as missing. */
export const PROBE_SYSCTLS = [
  "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_tw_recycle", "net.ipv4.tcp_tw_reuse_delay",
  "net.ipv4.tcp_timestamps", "net.ipv4.tcp_max_tw_buckets", "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_fin_timeout", "net.core.somaxconn", "net.ipv4.tcp_max_syn_backlog",
  "net.ipv4.tcp_syncookies", "net.netfilter.nf_conntrack_tcp_timeout_time_wait",
  "net.netfilter.nf_conntrack_count", "net.netfilter.nf_conntrack_max",
  "net.ipv4.tcp_tw_timeout", "net.ipv4.ip_local_reserved_ports",
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
  const value = rest.find((l) => l.trim() !== "")?.trim().replace(/\s+/g, " ");
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
