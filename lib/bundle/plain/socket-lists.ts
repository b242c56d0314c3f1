// The socket lists of a paste read into state counts, listening ports and the TIME_WAIT breakdown.
import { isMessage, type Message, type StoredText } from "../../i18n/message";
import type { ClientSideGroup, ServerSideGroup, TcpState, TimeWaitBreakdown } from "../../types";
import { andList, inputNote } from "../input-note";
import type { PlainSection } from "./command-sections";
import type { IpFamily, SocketListSpec } from "./socket-list-commands";
import { formatPeer, parseNetstatTable, parseProcNetTcp, parseSsTable, portOf, type SocketRow, type SocketTable } from "./socket-tables";

export interface SocketListSection {
  spec: SocketListSpec;
  section: PlainSection;
}

export interface SocketLists extends SocketAggregate {
  /** Whether any socket list (beyond listeners) was read: the TIME_WAIT breakdown comes from it. */
  listed: boolean;
  /** The sample's `socketSource`: "ss" or "proc" when every list read is of that kind. */
  source: "ss" | "proc" | null;
  /** What the lists leave out or left unread (`advice.input.*`). */
  notes: Message[];
}

const quote = (s: PlainSection) => `"### ${s.heading}"`;
const SAME_SOCKETS = "sameSockets";
/** Whether a note says a list was left out because an earlier one holds the same sockets (a sosreport's lists always do). */
export const isSameSocketsNote = (note: StoredText) => isMessage(note) && note.key === inputNote(SAME_SOCKETS).key;
const TOOL_RANK = { ss: 0, proc: 1, netstat: 2, busybox: 3 };
const FAMILY = { "4": "IPv4", "6": "IPv6" };
const ADD = {
  ss: { "4": "ss -4 -tan", "6": "ss -6 -tan" },
  netstat: { "4": "netstat -4 -tanW", "6": "netstat -6 -tanW" },
  busybox: { "4": "busybox netstat -tan", "6": "busybox netstat -tan" },
  proc: { "4": "cat /proc/net/tcp", "6": "cat /proc/net/tcp6" },
};

/** Unfiltered lists before filtered ones, both families before one, then ss, /proc, netstat, BusyBox; then as pasted. */
function rank({ spec }: SocketListSection): number {
  return (spec.filter === null && spec.state === null ? 0 : 8) + (spec.families.length === 2 ? 0 : 4) + TOOL_RANK[spec.tool];
}

function tableOf({ spec, section }: SocketListSection, bigEndian: boolean): SocketTable {
  if (spec.tool === "ss") return parseSsTable(section.lines, spec.state);
  if (spec.tool === "proc") return parseProcNetTcp(section.lines, bigEndian);
  return parseNetstatTable(section.lines);
}

/**
 * Aggregates the socket lists of a plain bundle with every listening-socket list, and says what
 * that leaves unknown. Lists of different address families (`ss -4 …` and `ss -6 …`,
 * `/proc/net/tcp` and tcp6) are merged; a list of a family already read is left out (it holds
 * the same sockets, taken at another moment), and the note says which list it repeats.
 * `bigEndian` is for `/proc/net/tcp` text from a big-endian host.
 */
export function readSocketLists(
  found: SocketListSection[],
  bigEndian = false,
  portRange: { low: number; high: number } | null = null,
): SocketLists {
  const notes: Message[] = [];
  const listens = found.filter((f) => f.spec.listenOnly);
  const lists = found.filter((f) => !f.spec.listenOnly).sort((a, b) => rank(a) - rank(b));
  const listenRows = listens.flatMap((f) => {
    const table = tableOf(f, bigEndian);
    noteTable(f, table, notes);
    return table.rows.filter((r) => r.state === "LISTEN");
  });
  const taken: SocketListSection[] = [];
  const covered = new Map<IpFamily, SocketListSection>();
  for (const list of lists) {
    const repeats = list.spec.families.filter((f) => covered.has(f));
    if (repeats.length === 0) {
      taken.push(list);
      for (const f of list.spec.families) covered.set(f, list);
      continue;
    }
    const holders = [...new Set(repeats.map((f) => covered.get(f)!))].map((h) => quote(h.section));
    notes.push(
      inputNote(SAME_SOCKETS, {
        section: quote(list.section),
        families: andList(repeats.map((f) => FAMILY[f])),
        holders: andList(holders),
      }),
    );
  }
  if (taken.length === 0) {
    return {
      ...aggregateSockets(listenRows),
      states: listenRows.length ? { LISTEN: listenRows.length } : {},
      listed: false,
      source: null,
      notes,
    };
  }

  const rows: SocketRow[] = [];
  for (const list of taken) {
    const table = tableOf(list, bigEndian);
    noteTable(list, table, notes);
    rows.push(...table.rows);
    const { spec, section } = list;
    if (spec.filter !== null || spec.state !== null) {
      notes.push(inputNote("filtered", { section: quote(section), filter: spec.filter ?? inputNote("oneState") }));
    }
    const endpoints = table.rows.flatMap((r) => [r.local, r.peer]);
    if (spec.cutsIpv6 && endpoints.some(mayBeCut) && !endpoints.some((e) => e.length > 23)) {
      notes.push(inputNote("netstatCutsIpv6", { section: quote(section) }));
    }
  }
  for (const family of ["4", "6"] as const) {
    if (covered.has(family)) continue;
    const other = taken[0]!;
    notes.push(
      inputNote("familyMissing", {
        family: FAMILY[family],
        section: quote(other.section),
        listed: FAMILY[other.spec.families[0]!],
        add: ADD[other.spec.tool][family],
      }),
    );
  }
  const result = aggregateSockets(rows, listenRows, portRange);
  if (taken.every((l) => !l.spec.listenersIncluded)) {
    if (listenRows.length) result.states.LISTEN = listenRows.length;
    else if (result.listeningPorts.length === 0) notes.push(inputNote("noListeningPorts"));
    else notes.push(inputNote("noListenList"));
  }
  const tools = new Set(taken.map((l) => l.spec.tool));
  const source = tools.size === 1 && (tools.has("ss") || tools.has("proc")) ? (tools.has("ss") ? "ss" : "proc") : null;
  return { ...result, listed: true, source, notes };
}

function noteTable({ section }: SocketListSection, table: SocketTable, notes: Message[]) {
  if (table.truncated) notes.push(inputNote("lastRowCut", { section: quote(section) }));
  if (table.unread) notes.push(inputNote("linesNotUnderstood", { count: table.unread, section: quote(section) }));
}

/**
 * net-tools without -W cuts an IPv6 `address:port` longer than 23 characters to exactly 23; one
 * of 23 may be cut, a longer one shows the list was not cut at all.
 */
function mayBeCut(endpoint: string): boolean {
  return endpoint.length === 23 && endpoint.indexOf(":") !== endpoint.lastIndexOf(":");
}

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
export function aggregateSockets(
  rows: SocketRow[],
  listenRows: SocketRow[] = [],
  portRange: { low: number; high: number } | null = null,
): SocketAggregate {
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
  const byListeningPort: ServerSideGroup[] = topGroups(server, true).map(([port, count]) =>
    fixed.has(port) ? { port: Number(port), count, listening: false } : { port: Number(port), count },
  );
  const byPeer: ClientSideGroup[] = topGroups(client, false).map(([peer, count]) => ({ peer, count }));
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + n, 0);
  return {
    states,
    listeningPorts: [...listening]
      .map(Number)
      .filter((p) => Number.isInteger(p) && p >= 0 && p <= 65535)
      .sort((a, b) => a - b)
      .slice(0, MAX_LISTEN),
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
  const byKey = numeric ? (a: string, b: string) => Number(a) - Number(b) : (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...map].sort((a, b) => b[1] - a[1] || byKey(a[0], b[0])).slice(0, TOP);
}
