import type { HostSample } from "../../types";

export const NO_SOCKET_LIST = "no socket list (ss -tan or netstat -ant): no server/client breakdown";

/** Plain sentences for what a sample lacks, judged from its content (both bundle formats). */
export function describeGaps(sample: HostSample, hasSocketList: boolean): string[] {
  const out: string[] = [];
  const hasCounter = (group: string) => Object.keys(sample.counters).some((k) => k.startsWith(`${group}.`));
  if (sample.kernel === null) out.push("no kernel version (uname -r)");
  if (sample.sockstat.tcpTw === null) {
    out.push(hasSocketList
      ? "no /proc/net/sockstat: the TIME_WAIT count comes from the socket list"
      : "no /proc/net/sockstat and no socket list: no TIME_WAIT count");
  }
  if (sample.sockstat.tcp6Inuse === null) out.push("no /proc/net/sockstat6: no IPv6 TCP socket count");
  if (!hasCounter("TcpExt")) out.push("no /proc/net/netstat: no TIME_WAIT overflow or reuse counters");
  if (!hasCounter("Tcp")) out.push("no /proc/net/snmp: no connection open rates");
  if (Object.keys(sample.sysctls).length === 0) out.push("no sysctl values (sysctl -a)");
  if (!hasSocketList) out.push(NO_SOCKET_LIST);
  return out;
}
