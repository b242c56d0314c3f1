import type { Sockstat } from "../types";

/** Reads `key value` pairs after a `PROTO:` prefix, e.g. `TCP: inuse 5 orphan 0 tw 12`. */
export function parseProtoLine(lines: string[], proto: string): Record<string, number> {
  const line = lines.find((l) => l.startsWith(`${proto}:`));
  if (!line) return {};
  const words = line
    .slice(proto.length + 1)
    .trim()
    .split(/\s+/);
  const out: Record<string, number> = {};
  for (let i = 0; i + 1 < words.length; i += 2) {
    const value = Number(words[i + 1]);
    if (Number.isFinite(value)) out[words[i]!] = value;
  }
  return out;
}

export function parseSockstat(sockstat: string[], sockstat6: string[]): Sockstat {
  const tcp = parseProtoLine(sockstat, "TCP");
  const tcp6 = parseProtoLine(sockstat6, "TCP6");
  return {
    tcpInuse: tcp.inuse ?? null,
    tcpOrphan: tcp.orphan ?? null,
    tcpTw: tcp.tw ?? null,
    tcpAlloc: tcp.alloc ?? null,
    tcp6Inuse: tcp6.inuse ?? null,
  };
}
