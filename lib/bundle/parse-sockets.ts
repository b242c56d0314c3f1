import { TCP_STATES, type ClientSideGroup, type ServerSideGroup, type TcpState, type TimeWaitBreakdown } from "../types";

function isState(name: string): name is TcpState {
  return (TCP_STATES as readonly string[]).includes(name);
}

function countOf(word: string | undefined): number | null {
  if (word === undefined || !/^\d+$/.test(word)) return null;
  return Number(word);
}

/** `KEY count` lines to a map; lines that do not fit are skipped. */
function parseKeyCounts(lines: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of lines) {
    const [key, value] = line.trim().split(/\s+/);
    const n = countOf(value);
    if (key && n !== null) out.set(key, n);
  }
  return out;
}

export function parseStates(lines: string[]): Partial<Record<TcpState, number>> {
  const out: Partial<Record<TcpState, number>> = {};
  for (const [key, n] of parseKeyCounts(lines)) if (isState(key)) out[key] = n;
  return out;
}

export function parseListeningPorts(lines: string[]): number[] {
  const ports = lines.map((l) => countOf(l.trim())).filter((p): p is number => p !== null && p <= 65535);
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** `port count` lines, `port count not-listening` for a port outside ip_local_port_range that was not listening. */
function parseServerGroups(lines: string[]): ServerSideGroup[] {
  const out: ServerSideGroup[] = [];
  for (const line of lines) {
    const [key, value, flag] = line.trim().split(/\s+/);
    const port = countOf(key);
    const count = countOf(value);
    if (port === null || count === null) continue;
    out.push(flag === "not-listening" ? { port, count, listening: false } : { port, count });
  }
  return out;
}

export function parseTimeWait(server: string[], client: string[], totals: string[]): TimeWaitBreakdown {
  const byListeningPort = parseServerGroups(server);
  const byPeer: ClientSideGroup[] = [...parseKeyCounts(client)].map(([peer, count]) => ({ peer, count }));
  const t = parseKeyCounts(totals);
  const sum = (groups: { count: number }[]) => groups.reduce((s, g) => s + g.count, 0);
  const serverCount = t.get("server") ?? sum(byListeningPort);
  const clientCount = t.get("client") ?? sum(byPeer);
  const notListening = t.get("server-not-listening");
  return {
    ...(notListening === undefined ? {} : { serverNotListening: notListening }),
    total: t.get("total") ?? serverCount + clientCount,
    server: serverCount,
    client: clientCount,
    serverPorts: t.get("server-ports") ?? byListeningPort.length,
    clientPeers: t.get("client-peers") ?? byPeer.length,
    byListeningPort: byListeningPort.sort((a, b) => b.count - a.count),
    byPeer: byPeer.sort((a, b) => b.count - a.count),
  };
}
