import type { HostNamespaces, NamespaceSample } from "../types";
import { containerOf, namespaceName } from "../sample/namespace-name";
import { parseOwners } from "./parse-owners";
import { parseStates, parseTimeWait } from "./parse-sockets";
import { parseSysctlLines } from "./parse-sysctls";

interface Lines {
  head: string;
  rest: string[];
}

/**
 * The `@@netns` section: `self INODE`, `hidden N`, then `ns INODE …` lines for each namespace
 * shown (`pid P processes N tw T`, `comm`, `cgroup`, `hostname`, `sysctl NAME = VALUE`,
 * `state NAME N`, `server PORT N`, `client PEER N`, `owner …`, `process …`, `totals …`), and
 * `namespaces N shown M others-tw T`. Undefined without a `self` line (older probes, or a probe
 * that could not read its own namespace). The probe writes only the sysctls that differ from the
 * host's (after `sysctls read`); the host's hostname tells a pod's own from it.
 */
export function parseNetns(
  lines: string[] | undefined,
  host: { hostname: string | null; sysctls: Record<string, string> },
): HostNamespaces | undefined {
  const self = lines?.map((l) => /^self (\d+)$/.exec(l.trim())).find(Boolean);
  if (!lines || !self) return undefined;
  const byInode = new Map<number, Lines>();
  let hidden = 0;
  let total = 0;
  let othersTimeWait = 0;
  const users: Record<number, string> = {};
  for (const raw of lines) {
    const line = raw.trim();
    const ns = /^ns (\d+) (.*)$/.exec(line);
    if (ns) {
      const inode = Number(ns[1]);
      const entry = byInode.get(inode) ?? { head: "", rest: [] };
      if (/^pid \d+ processes \d+ tw \d+$/.test(ns[2]!)) entry.head = ns[2]!;
      else entry.rest.push(ns[2]!);
      byInode.set(inode, entry);
      continue;
    }
    const user = /^user (\d+) (\S+)$/.exec(line);
    if (user) users[Number(user[1])] = user[2]!;
    const h = /^hidden (\d+)$/.exec(line);
    if (h) hidden = Number(h[1]);
    const summary = /^namespaces (\d+) shown \d+ others-tw (\d+)$/.exec(line);
    if (summary) [total, othersTimeWait] = [Number(summary[1]), Number(summary[2])];
  }
  const shown = [...byInode].filter(([, l]) => l.head).map(([inode, l]) => namespaceOf(inode, l, host));
  return { self: Number(self[1]), hiddenProcesses: hidden, total: Math.max(total, shown.length), shown, othersTimeWait, users };
}

function namespaceOf(
  inode: number,
  { head, rest }: Lines,
  host: { hostname: string | null; sysctls: Record<string, string> },
): NamespaceSample {
  const [, pid, processes] = /^pid (\d+) processes (\d+)/.exec(head)!;
  const value = (key: string) => rest.find((l) => l.startsWith(`${key} `))?.slice(key.length + 1) ?? null;
  const starting = (key: string) => rest.filter((l) => l.startsWith(`${key} `)).map((l) => l.slice(key.length + 1));
  const totals = value("totals")?.split(" ") ?? [];
  const totalLines = totals.flatMap((word, i) => (i % 2 === 0 ? [`${word} ${totals[i + 1] ?? ""}`] : []));
  const hostname = value("hostname");
  const cgroup = value("cgroup");
  const command = value("comm");
  const container = containerOf(cgroup);
  const owners = parseOwners(["hidden 0", ...starting("owner"), ...rest.filter((l) => l.startsWith("process "))]);
  return {
    inode,
    pid: Number(pid),
    processes: Number(processes),
    name: namespaceName({ hostname: hostname === host.hostname ? null : hostname, container, command, pid: Number(pid) }),
    hostname,
    cgroup,
    container,
    command,
    states: parseStates(starting("state")),
    timeWait: parseTimeWait(starting("server"), starting("client"), totalLines),
    sysctls: rest.some((l) => l.startsWith("sysctls read")) ? { ...host.sysctls, ...parseSysctlLines(starting("sysctl")) } : {},
    owners: { byPort: owners?.byPort ?? {}, byPeer: owners?.byPeer ?? {} },
    problems: rest.filter((l) => l.startsWith("! ")).map((l) => l.slice(2)),
  };
}
