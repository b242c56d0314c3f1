const integer = new Intl.NumberFormat("en-US");

export const formatCount = (n: number | null | undefined) => (n == null ? "—" : integer.format(n));

export function formatRate(n: number | null | undefined): string {
  if (n == null) return "—";
  return `${n >= 100 ? integer.format(Math.round(n)) : n.toFixed(n >= 10 ? 1 : 2)}/s`;
}

export function formatAgo(at: number | null | undefined, now = Date.now()): string {
  if (!at) return "never";
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** A chart tick: seconds for spans under 10 minutes, the date for spans over a day. */
export function formatTick(at: number, spanMs: number): string {
  const d = new Date(at);
  if (spanMs > 86_400_000) return d.toLocaleDateString("en-GB", { day: "2-digit", month: "short" }) + " " + d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", ...(spanMs < 600_000 ? { second: "2-digit" } : {}) });
}
