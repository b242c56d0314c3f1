import type { ClientSideGroup, ServerSideGroup, TcpState, TimeWaitBreakdown } from "../../types";
import { formatPeer, portOf } from "./format-peer";
import type { SocketRow } from "./parse-socket-table";

export interface SocketAggregate {
  states: Partial<Record<TcpState, number>>;
  /** Listening ports, unique, ascending, the 200 lowest (as the probe's @@listen). */
  listeningPorts: number[];
  timeWait: TimeWaitBreakdown;
}

const TOP = 50;
const MAX_LISTEN = 200;

/**
 * A port of the probe's awk aggregation (server/probe/twscope-probe.sh), so a pasted socket list
 * gives the groups the probe would have sent for the same sockets. A TIME_WAIT socket whose local
 * port is a listening port is server side (the server closed first), grouped by that port; so is
 * one whose local port is not listening but lies outside `portRange` (ip_local_port_range, when
 * known): it was closed locally on a fixed port (a listener that stopped, or an explicit bind),
 * and its group is marked `listening: false`. Any other is client side, grouped by remote
 * `address:port`. Top 50 groups each, by count descending, ties by port ascending (numeric) or by
 * key ascending (byte order).
 *
 * Listening ports are the local ports of LISTEN rows in `rows` and in `listenRows` (a separate
 * `ss -ltn`), all read before any TIME_WAIT socket is classified. When neither holds a listener,
 * for instance with only `ss -tan state time-wait`, nothing is guessed: every TIME_WAIT socket
 * is client side, and the caller says so. State counts come from `rows` only.
 */
export function aggregateSockets(rows: SocketRow[], listenRows: SocketRow[] = [], portRange: { low: number; high: number } | null = null): SocketAggregate {
  const listening = new Set<string>();
  for (const row of [...listenRows, ...rows]) if (row.state === "LISTEN") listening.add(portOf(row.local));
  const states: Partial<Record<TcpState, number>> = {};
  const server = new Map<string, number>();
  const client = new Map<string, number>();
  const fixed = new Set<string>();
  const outsideRange = (port: string) => portRange !== null && (Number(port) < portRange.low || Number(port) > portRange.high);
  for (const row of rows) {
    if (row.state !== "UNKNOWN") states[row.state] = (states[row.state] ?? 0) + 1;
    if (row.state !== "TIME-WAIT") continue;
    const port = portOf(row.local);
    if (listening.has(port)) increment(server, port);
    else if (outsideRange(port)) {
      increment(server, port);
      fixed.add(port);
    } else increment(client, formatPeer(row.peer));
  }
  const byListeningPort: ServerSideGroup[] = topGroups(server, true)
    .map(([port, count]) => (fixed.has(port) ? { port: Number(port), count, listening: false } : { port: Number(port), count }));
  const byPeer: ClientSideGroup[] = topGroups(client, false).map(([peer, count]) => ({ peer, count }));
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);
  return {
    states,
    listeningPorts: [...listening].map(Number).filter((p) => Number.isInteger(p) && p >= 0 && p <= 65535)
      .sort((a, b) => a - b).slice(0, MAX_LISTEN),
    timeWait: {
      total: sum(server) + sum(client),
      server: sum(server),
      client: sum(client),
      serverPorts: server.size,
      clientPeers: client.size,
      byListeningPort,
      byPeer,
      serverNotListening: [...fixed].reduce((s, port) => s + server.get(port)!, 0),
    },
  };
}

function increment(map: Map<string, number>, key: string) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The probe's `top()`: count descending, then key ascending, numerically when `numeric`. */
function topGroups(map: Map<string, number>, numeric: boolean): [string, number][] {
  const byKey = numeric
    ? (a: string, b: string) => Number(a) - Number(b)
    : (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...map].sort((a, b) => b[1] - a[1] || byKey(a[0], b[0])).slice(0, TOP);
}
