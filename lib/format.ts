export { formatAgo } from "./format-time";

const integer = new Intl.NumberFormat("en-US");

export const formatCount = (n: number | null | undefined) => (n == null ? "—" : integer.format(n));

export function formatRate(n: number | null | undefined): string {
  if (n == null) return "—";
  return `${n >= 100 ? integer.format(Math.round(n)) : n.toFixed(n >= 10 ? 1 : 2)}/s`;
}

/** A chart tick: seconds for spans under 10 minutes, the date for spans over a day. */
export function formatTick(at: number, spanMs: number): string {
  const d = new Date(at);
  if (spanMs > 86_400_000) return d.toLocaleDateString("en-GB", { day: "2-digit", month: "short" }) + " " + d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", ...(spanMs < 600_000 ? { second: "2-digit" } : {}) });
}
