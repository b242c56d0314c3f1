import type { RuleContext } from "./context";
import { n } from "./rules/rule";

export interface PortRangeProblems {
  narrow: boolean;
  sameParity: boolean;
  /** Listening ports inside the range and not in ip_local_reserved_ports. */
  overlapping: number[];
  /** One line each, for the evidence. */
  lines: string[];
}

/** What is wrong with ip_local_port_range `low`–`high` on this host, or null when nothing is. */
export function portRangeProblems(low: number, high: number, ctx: RuleContext): PortRangeProblems | null {
  const size = high - low + 1;
  const narrow = size < 10_000;
  const sameParity = low % 2 === high % 2;
  const reserved = reservedPorts(ctx.sample.sysctls["net.ipv4.ip_local_reserved_ports"] ?? "");
  const overlapping = ctx.sample.listeningPorts.filter((p) => p >= low && p <= high && !reserved(p));
  if (!narrow && !sameParity && overlapping.length === 0) return null;
  const lines: string[] = [];
  if (narrow) lines.push(`${n(size)} ports, fewer than 10,000 (default 32768 60999: 28,232)`);
  if (sameParity) lines.push(`both ends are ${low % 2 === 0 ? "even" : "odd"}; the kernel advises ends of different parity`);
  if (overlapping.length > 0) {
    const shown = overlapping.slice(0, 5).join(", ") + (overlapping.length > 5 ? ` and ${overlapping.length - 5} more` : "");
    lines.push(
      `listening port(s) ${shown} inside the range and not in ip_local_reserved_ports: an outgoing connection can take the port while the service restarts, and its bind fails`,
    );
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
