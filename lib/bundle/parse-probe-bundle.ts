import type { ConntrackTable, HostNamespaces, HostSample, SocketOwners } from "../types";
import { BundleError } from "./bundle-error";
import { inputError } from "./input-note";
import { parseCounterPairs } from "./parse-counters";
import { parseConntrack } from "./parse-conntrack";
import { parseNetns } from "./parse-netns";
import { parseOwners } from "./parse-owners";
import { parseListeningPorts, parseStates, parseTimeWait } from "./parse-sockets";
import { parseSockstat } from "./parse-sockstat";
import { parseConfiguredSysctls, parseSysctlLines, sysctlProblems } from "./parse-sysctls";
import { splitBundle } from "./sections";

/** Turns the text a probe printed into a typed sample. Throws `BundleError` for unusable text. */
export function parseProbeBundle(text: string): HostSample {
  const { sections, problems } = splitBundle(text);
  const section = (name: string) => sections.get(name) ?? [];
  if (!sections.has("sockstat") && !sections.has("tw-totals") && !sections.has("states")) {
    throw new BundleError("malformed", inputError("noProbeSection"));
  }
  const meta = metaOf(section("meta"));
  const number = (key: string) => {
    const n = Number(meta.get(key));
    return meta.has(key) && Number.isFinite(n) ? n : null;
  };
  const source = meta.get("source");
  const sysctls = parseSysctlLines(section("sysctl"));
  return {
    hostTime: number("time") === null ? null : number("time")! * 1000,
    uptimeSeconds: number("uptime"),
    memTotalKb: number("mem-total-kb"),
    hostname: meta.get("hostname") ?? null,
    user: meta.get("user") ?? null,
    kernel: section("kernel")[0]?.trim() || null,
    socketSource: source === "ss" || source === "proc" ? source : null,
    sockstat: parseSockstat(section("sockstat"), section("sockstat6")),
    counters: { ...parseCounterPairs(section("netstat")), ...parseCounterPairs(section("snmp")) },
    sysctls,
    missingSysctls: sysctlProblems(problems, "missing"),
    configuredSysctls: parseConfiguredSysctls(section("sysctl-conf")),
    deniedSysctls: sysctlProblems(problems, "denied"),
    states: parseStates(section("states")),
    listeningPorts: parseListeningPorts(section("listen")),
    timeWait: parseTimeWait(section("tw-server"), section("tw-client"), section("tw-totals")),
    ...withOwners(parseOwners(sections.get("owners"), meta.get("user") === "root")),
    ...withNamespaces(parseNetns(sections.get("netns"), { hostname: meta.get("hostname") ?? null, sysctls })),
    ...withConntrack(parseConntrack(sections.get("conntrack"), problems)),
    problems,
  };
}

const withOwners = (owners: SocketOwners | undefined) => (owners ? { owners } : {});
const withNamespaces = (namespaces: HostNamespaces | undefined) => (namespaces ? { namespaces } : {});
const withConntrack = (conntrack: ConntrackTable | undefined) => (conntrack ? { conntrack } : {});

function metaOf(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines) {
    const space = line.indexOf(" ");
    if (space > 0) out.set(line.slice(0, space), line.slice(space + 1).trim());
  }
  return out;
}
