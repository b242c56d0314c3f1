/** One TCP socket, written out as `ss -tan` and as /proc/net/tcp or tcp6 would list it. */
export interface TableSocket {
  state: "LISTEN" | "TIME-WAIT" | "ESTAB" | "SYN-SENT";
  local: { address: string; port: number };
  /** Absent for a listener. */
  peer?: { address: string; port: number };
  /** The socket's owner and inode in /proc (0 and the row number unless given). */
  uid?: number;
  inode?: number;
}

const PROC_STATE = { ESTAB: "01", "SYN-SENT": "02", "TIME-WAIT": "06", LISTEN: "0A" } as const;

const isV6 = (address: string) => address.includes(":");

/** The 16 bytes of an IPv6 address: hex groups, `::`, and a dotted IPv4 tail (`::ffff:10.0.0.1`). */
function v6Bytes(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const hex = dotted ? `${address.slice(0, dotted.index)}0:0` : address;
  const [head, tail] = hex.includes("::") ? hex.split("::") : [hex, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  const bytes = groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 255]);
  if (dotted) bytes.splice(12, 4, ...dotted.slice(1).map(Number));
  return bytes;
}

/** An address as a little-endian host's /proc prints it: 32-bit words, each in host byte order. */
function procAddress(address: string): string {
  const bytes = isV6(address) ? v6Bytes(address) : address.split(".").map(Number);
  const words: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    words.push(
      bytes
        .slice(i, i + 4)
        .reverse()
        .map((b) => b.toString(16).toUpperCase().padStart(2, "0"))
        .join(""),
    );
  }
  return words.join("");
}

const procEndpoint = (address: string, port: number) => `${procAddress(address)}:${port.toString(16).toUpperCase().padStart(4, "0")}`;

/** /proc/net/tcp and tcp6 for these sockets, in the order given (the kernel lists listeners first). */
export function procTables(sockets: TableSocket[]): { tcp: string; tcp6: string } {
  const header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
  const rows = { tcp: [header], tcp6: [header] };
  for (const s of sockets) {
    const table = isV6(s.local.address) ? rows.tcp6 : rows.tcp;
    const anyAddress = isV6(s.local.address) ? "::" : "0.0.0.0";
    const peer = s.peer ? procEndpoint(s.peer.address, s.peer.port) : procEndpoint(anyAddress, 0);
    const sl = String(table.length - 1).padStart(4);
    table.push(
      `${sl}: ${procEndpoint(s.local.address, s.local.port)} ${peer} ${PROC_STATE[s.state]} 00000000:00000000 00:00000000 00000000 ${String(s.uid ?? 0).padStart(5)}        0 ${s.state === "TIME-WAIT" ? 0 : (s.inode ?? table.length)} 1 0000000000000000`,
    );
  }
  return { tcp: rows.tcp.join("\n") + "\n", tcp6: rows.tcp6.join("\n") + "\n" };
}

const ssEndpoint = (address: string, port: number | "*") => `${isV6(address) ? `[${address}]` : address}:${port}`;

/** What current `ss -tan` prints for these sockets, header included. */
export function ssTable(sockets: TableSocket[]): string {
  const rows = ["State     Recv-Q Send-Q      Local Address:Port        Peer Address:Port Process"];
  for (const s of sockets) {
    const peer = s.peer ? ssEndpoint(s.peer.address, s.peer.port) : ssEndpoint(isV6(s.local.address) ? "::" : "0.0.0.0", "*");
    rows.push(
      `${s.state.padEnd(9)} 0      ${s.state === "LISTEN" ? 4096 : 0}      ${ssEndpoint(s.local.address, s.local.port)}    ${peer}`,
    );
  }
  return rows.join("\n") + "\n";
}
