import type { TcpState } from "../../types";
import type { SocketRow, SocketTable } from "./parse-socket-table";

// The kernel's state numbers (include/net/tcp_states.h), 1 to 12, named as ss prints them.
const STATES: TcpState[] = ["ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSE",
  "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING", "NEW-SYN-RECV"];
const ROW = /^\s*\d+:\s+([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{2})\b/;

/**
 * Reads `cat /proc/net/tcp` and `cat /proc/net/tcp6`: `sl: local remote st …` with addresses in
 * hex. The kernel prints each 32-bit word of an address in the host's byte order (so 127.0.0.1 is
 * `0100007F` on x86 and arm64) and ports as plain numbers; `bigEndian` is for s390x and other
 * big-endian hosts. Addresses come out as ss prints them (`[::ffff:10.0.0.1]:80`), so peers group
 * as in the probe.
 */
export function parseProcNetTcp(lines: string[], bigEndian: boolean): SocketTable {
  const rows: SocketRow[] = [];
  let unread = 0;
  let truncated = false;
  lines.forEach((line, i) => {
    if (line.trim() === "" || /^\s*sl\s+local_address/.test(line)) return;
    const m = ROW.exec(line);
    if (!m) {
      if (i === lines.length - 1 && /^\s*\d+:/.test(line)) truncated = true;
      else unread++;
      return;
    }
    const state = STATES[parseInt(m[5]!, 16) - 1] ?? "UNKNOWN";
    rows.push({ state, local: endpoint(m[1]!, m[2]!, bigEndian), peer: endpoint(m[3]!, m[4]!, bigEndian) });
  });
  return { rows, truncated, unread };
}

function endpoint(hexAddr: string, hexPort: string, bigEndian: boolean): string {
  const words = hexAddr.match(/.{8}/g)!.map((w) => (bigEndian ? w : w.match(/../g)!.reverse().join("")));
  const port = parseInt(hexPort, 16);
  if (words.length === 1) return `${bytesOf(words[0]!).join(".")}:${port}`;
  const groups = words.flatMap((w) => [w.slice(0, 4), w.slice(4)]).map((g) => parseInt(g, 16));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `[::ffff:${bytesOf(words[3]!).join(".")}]:${port}`;
  return `[${groups.map((g) => g.toString(16)).join(":")}]:${port}`;
}

const bytesOf = (word: string) => word.match(/../g)!.map((b) => parseInt(b, 16));
