const integer = new Intl.NumberFormat("en-US");

export const formatCount = (n: number | null | undefined) => (n == null ? "—" : integer.format(n));

export function formatRate(n: number | null | undefined): string {
  if (n == null) return "—";
  return `${n >= 100 ? integer.format(Math.round(n)) : n.toFixed(n >= 10 ? 1 : 2)}/s`;
}
