import type { RuleContext } from "./context";
import type { Message } from "../i18n/message";
import { listOf, int, say } from "./rules/rule";

export interface PortRangeProblems {
  narrow: boolean;
  sameParity: boolean;
  /** Listening ports inside the range and not in ip_local_reserved_ports. */
  overlapping: number[];
  /** One line each, for the evidence. */
  lines: Message[];
}

/** What is wrong with ip_local_port_range `low`–`high` on this host, or null when nothing is. */
export function portRangeProblems(low: number, high: number, ctx: RuleContext): PortRangeProblems | null {
  const size = high - low + 1;
  const narrow = size < 10_000;
  const sameParity = low % 2 === high % 2;
  const reserved = reservedPorts(ctx.sample.sysctls["net.ipv4.ip_local_reserved_ports"] ?? "");
  const overlapping = ctx.sample.listeningPorts.filter((p) => p >= low && p <= high && !reserved(p));
  if (!narrow && !sameParity && overlapping.length === 0) return null;
  const lines: Message[] = [];
  if (narrow) lines.push(say("portRange.narrow", { size: int(size), floor: 10_000, defaultSize: 28_232 }));
  if (sameParity) lines.push(say("portRange.sameParity", { parity: low % 2 === 0 ? "even" : "odd" }));
  if (overlapping.length > 0) {
    const ports = listOf(overlapping.slice(0, 5).map(String));
    const shown = overlapping.length > 5 ? say("portRange.andMore", { ports, more: overlapping.length - 5 }) : ports;
    lines.push(say("portRange.overlapping", { ports: shown }));
  }
  return { narrow, sameParity, overlapping, lines };
}

/** "8080,9000-9010" (net.ipv4.ip_local_reserved_ports) as a membership test. */
function reservedPorts(text: string): (port: number) => boolean {
  const ranges = text
    .split(",")
    .map((part) => part.trim().split("-").map(Number))
    .filter((r) => r.every(Number.isInteger) && r.length > 0 && r[0]! > 0);
  return (port) => ranges.some(([lo, hi]) => port >= lo! && port <= (hi ?? lo!));
}
