import { portRangeProblems } from "../port-range-problems";
import { bootProblems, whereSet } from "./boot-config";
import type { Rule } from "./rule";
import { advise, n, pct } from "./rule";

export const finTimeoutLowered: Rule = {
  id: "fin-timeout-lowered",
  title: "tcp_fin_timeout lowered as a TIME_WAIT fix",
  description:
    "net.ipv4.tcp_fin_timeout below its default of 60: it bounds orphaned FIN_WAIT_2 sockets and does not shorten TIME_WAIT, which stays 60 s in mainline Linux (and follows tcp_tw_timeout, not tcp_fin_timeout, on vendor kernels that have it).",
  evaluate(ctx) {
    const fin = ctx.sysctl("net.ipv4.tcp_fin_timeout");
    if (fin === null || fin >= 60) return null;
    const length = ctx.twLength.tunable
      ? `which lasts tcp_tw_timeout = ${ctx.twLength.seconds} s here, whatever tcp_fin_timeout is`
      : ctx.twLength.mainline
        ? "which lasts 60 s regardless (this kernel has no tcp_tw_timeout)"
        : "which lasts 60 s in mainline Linux regardless (the input does not show whether this kernel has a vendor tcp_tw_timeout)";
    const count = ctx.countKnown ? `yet ${n(ctx.timeWait)} sockets are in TIME_WAIT` : "and it does not touch TIME_WAIT";
    return {
      ruleId: this.id,
      severity: ctx.timeWait >= 100 ? "warning" : "info",
      title: "tcp_fin_timeout was lowered, but it does not shorten TIME_WAIT",
      evidence: [`tcp_fin_timeout = ${fin} (default 60), ${count}, ${length}`],
      remedies: [advise("keep-tcp-fin-timeout", "recommended", "restore 60 and address what creates the TIME_WAIT")],
    };
  },
};

export const portRangeNarrow: Rule = {
  id: "port-range-narrow",
  title: "Narrow, same-parity or listener-overlapping local port range",
  description:
    "net.ipv4.ip_local_port_range with fewer than 10,000 ports limits outgoing connections per destination; ends of the same parity go against the kernel's advice (it splits even and odd ports between connect and bind); a listening port inside it (not in ip_local_reserved_ports) can be taken by an outgoing connection while its service restarts.",
  evaluate(ctx) {
    const r = ctx.portRange;
    if (!r) return null;
    const p = portRangeProblems(r.low, r.high, ctx);
    if (!p) return null;
    const evidence = [`ip_local_port_range = ${r.low} ${r.high}: ${n(r.size)} ports`, ...p.lines];
    const title = p.narrow
      ? "The local port range is narrow"
      : p.sameParity
        ? "The local port range ends have the same parity"
        : "Listening ports lie inside the local port range";
    return {
      ruleId: this.id,
      severity: p.narrow ? "warning" : "info",
      title,
      evidence,
      remedies: [
        advise(
          "widen-port-range",
          "recommended",
          p.narrow
            ? "more ports per destination"
            : p.sameParity
              ? "make one end odd and the other even"
              : "move the range off the listening ports, or reserve them (ip_local_reserved_ports)",
        ),
      ],
    };
  },
};

export const conntrackNearFull: Rule = {
  id: "conntrack-near-full",
  title: "Connection tracking table near full",
  description:
    "nf_conntrack_count at 80% or more of nf_conntrack_max: when full, the firewall drops packets of new connections. Its own TIME_WAIT entries last nf_conntrack_tcp_timeout_time_wait (120 s by default).",
  evaluate(ctx) {
    const count = ctx.sysctl("net.netfilter.nf_conntrack_count");
    const max = ctx.sysctl("net.netfilter.nf_conntrack_max");
    if (count === null || !max || count < 0.8 * max) return null;
    return {
      ruleId: this.id,
      severity: count >= 0.95 * max ? "critical" : "warning",
      title: "The conntrack table is nearly full",
      evidence: [`nf_conntrack_count ${n(count)} = ${pct(count, max)} of nf_conntrack_max ${n(max)}`],
      remedies: [advise("conntrack-capacity", "recommended", "room for more entries, or shorter TIME_WAIT entries in the table")],
    };
  },
};

export const runtimeDiffersFromConfig: Rule = {
  id: "runtime-differs-from-config",
  title: "Runtime value differs from the sysctl files",
  description:
    "A TIME_WAIT-related sysctl whose running value differs from what the sysctl files set: the running value was changed by hand and a reboot will revert it (or the files were edited and not applied).",
  evaluate(ctx) {
    const evidence: string[] = [];
    const judged = new Set(bootProblems(ctx).map((p) => p.entry.key));
    for (const [key, line] of ctx.configured) {
      if (judged.has(key)) continue;
      const runtime = ctx.sample.sysctls[key];
      if (runtime !== undefined && runtime !== line.value.replace(/\s+/g, " ")) {
        evidence.push(`${key} is ${runtime} now, but ${whereSet(line)} sets ${line.value}: a reboot changes it`);
      }
    }
    if (evidence.length === 0) return null;
    return { ruleId: this.id, severity: "info", title: "Settings that a reboot would change", evidence, remedies: [] };
  },
};
