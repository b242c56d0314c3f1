// Which command printed a section, from its `### <command>` heading.
import type { Message } from "../../i18n/message";
import { inputNote } from "../input-note";
import { normaliseCommand } from "./command-sections";
import { procSocketList, recogniseSocketList, type SocketListSpec } from "./socket-list-commands";
import { recogniseSysctl, recogniseSysctlConf, type SysctlConfSpec, type SysctlSpec } from "./sysctl-sections";

export type SectionSpec =
  | { kind: "kernel" | "uname-all" | "hostname" | "uptime" | "proc-net" | "meminfo" }
  | { kind: "sysctl-file"; name: string }
  | SysctlSpec
  | SysctlConfSpec
  | SocketListSpec
  | { kind: "ignored"; reason: Message };

const PROC_NET = /^\/proc\/(self\/)?net\/(sockstat6?|netstat|snmp)$/;
const PROC_TCP = /^\/proc\/(self\/)?net\/tcp6?$/;
export const NOT_A_COMMAND = "advice.input.ignored.notACommand";
const PROC_FILES = "/proc/net/{sockstat,sockstat6,netstat,snmp,tcp,tcp6}";

/** Says which command printed a section, from its `### <command>` heading. */
export function recogniseSection(heading: string): SectionSpec {
  const cmd = normaliseCommand(heading);
  const paths = cmd.allWords.filter((w) => w.startsWith("/proc/"));
  const procTcp = paths.filter((p) => PROC_TCP.test(p));
  if (procTcp.length && procTcp.length < paths.length) {
    return {
      kind: "ignored",
      reason: inputNote("ignored.procTcpOwnHeading"),
    };
  }
  if (procTcp.length) return procSocketList(procTcp, cmd.piped);
  if (paths.some((p) => PROC_NET.test(p))) return { kind: "proc-net" };
  if (paths.includes("/proc/sys/kernel/osrelease")) return { kind: "kernel" };
  if (paths.includes("/proc/sys/kernel/hostname")) return { kind: "hostname" };
  if (paths.includes("/proc/uptime")) return { kind: "uptime" };
  if (paths.includes("/proc/meminfo")) return { kind: "meminfo" };
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
  if (cmd.tool === "busybox" && cmd.args[0] === "netstat") return recogniseSocketList(cmd, "busybox", cmd.args.slice(1));
  const conf = recogniseSysctlConf(cmd);
  if (conf) return conf;
  return { kind: "ignored", reason: { key: NOT_A_COMMAND, values: { procFiles: PROC_FILES } } };
}
