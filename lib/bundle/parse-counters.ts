/**
 * Reads /proc/net/netstat and /proc/net/snmp style pairs: a header line `TcpExt: A B C` followed
 * by a value line `TcpExt: 1 2 3`. Returns `{ "TcpExt.A": 1, … }` for every group present.
 */
export function parseCounterPairs(lines: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const [group, ...names] = lines[i]!.trim().split(/\s+/);
    const [valueGroup, ...values] = lines[i + 1]!.trim().split(/\s+/);
    if (!group?.endsWith(":") || group !== valueGroup) continue;
    const prefix = group.slice(0, -1);
    names.forEach((name, j) => {
      const value = Number(values[j]);
      if (Number.isFinite(value)) out[`${prefix}.${name}`] = value;
    });
  }
  return out;
}
