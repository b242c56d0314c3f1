const integer = new Intl.NumberFormat("en-US");

export const formatCount = (n: number | null | undefined) => (n == null ? "—" : integer.format(n));

/** "1 host", "3 hosts": a number with its noun, plural unless it is one. */
export const countOf = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatRate(n: number | null | undefined): string {
  if (n == null) return "—";
  return `${n >= 100 ? integer.format(Math.round(n)) : n.toFixed(n >= 10 ? 1 : 2)}/s`;
}
