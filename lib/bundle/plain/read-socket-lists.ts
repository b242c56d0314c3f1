import { aggregateSockets, type SocketAggregate } from "./aggregate-sockets";
import { parseNetstatTable, parseSsTable, type SocketTable } from "./parse-socket-table";
import type { SocketListSpec } from "./recognise-section";
import type { PlainSection } from "./split-plain-text";

export interface SocketListSection { spec: SocketListSpec; section: PlainSection }

export interface SocketLists extends SocketAggregate {
  /** The tool of the list the TIME_WAIT breakdown comes from, or null without one. */
  tool: "ss" | "netstat" | null;
  notes: string[];
}

const quote = (s: PlainSection) => `"### ${s.heading}"`;

/** Whole lists before filtered ones, ss before netstat, then in the order pasted. */
function rank({ spec }: SocketListSection): number {
  return (spec.filter === null ? 0 : 2) + (spec.tool === "ss" ? 0 : 1);
}

function tableOf({ spec, section }: SocketListSection): SocketTable {
  return spec.tool === "ss" ? parseSsTable(section.lines, spec.state) : parseNetstatTable(section.lines);
}

/**
 * Aggregates the best socket list of a plain bundle with every listening-socket list, and says
 * what that leaves unknown. Other socket lists are not mixed in (they were taken at other moments).
 */
export function readSocketLists(found: SocketListSection[], portRange: { low: number; high: number } | null = null): SocketLists {
  const notes: string[] = [];
  const listens = found.filter((f) => f.spec.listenOnly);
  const lists = found.filter((f) => !f.spec.listenOnly).sort((a, b) => rank(a) - rank(b));
  const listenRows = listens.flatMap((f) => {
    const table = tableOf(f);
    noteTable(f, table, notes);
    return table.rows.filter((r) => r.state === "LISTEN");
  });
  const chosen = lists[0];
  for (const other of lists.slice(1)) notes.push(`ignored section ${quote(other.section)}: the socket list was taken from ${quote(chosen!.section)}`);
  if (!chosen) return { ...aggregateSockets(listenRows), states: listenRows.length ? { LISTEN: listenRows.length } : {}, tool: null, notes };

  const { spec, section } = chosen;
  const table = tableOf(chosen);
  noteTable(chosen, table, notes);
  const result = aggregateSockets(table.rows, listenRows, portRange);
  if (spec.filter !== null) notes.push(`the socket list ${quote(section)} is filtered (${spec.filter}): counts cover only the sockets it lists`);
  if (!spec.listenersIncluded) {
    if (listenRows.length) result.states.LISTEN = listenRows.length;
    else if (result.listeningPorts.length === 0) notes.push("no listening ports (ss -ltn): server/client split unknown, every TIME_WAIT socket counted as client side");
    else notes.push("no listening-socket list (ss -ltn): TIME_WAIT sockets on ports not seen listening are counted as client side");
  }
  if (spec.tool === "netstat" && !spec.wide && table.rows.some((r) => isCutShort(r.local) || isCutShort(r.peer))) {
    notes.push(`netstat without -W cuts long IPv6 addresses short: peers in ${quote(section)} may be grouped wrongly`);
  }
  return { ...result, tool: spec.tool, notes };
}

function noteTable({ section }: SocketListSection, table: SocketTable, notes: string[]) {
  if (table.truncated) notes.push(`the last row of ${quote(section)} is incomplete: the paste may be cut short`);
  if (table.unread) notes.push(`${table.unread} line(s) of ${quote(section)} not understood`);
}

/** net-tools cuts `address:port` of IPv6 sockets to 23 characters unless run with -W. */
function isCutShort(endpoint: string): boolean {
  return endpoint.length >= 23 && endpoint.indexOf(":") !== endpoint.lastIndexOf(":");
}
