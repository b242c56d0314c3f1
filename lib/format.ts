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

export const formatTime = (at: number) => new Date(at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
