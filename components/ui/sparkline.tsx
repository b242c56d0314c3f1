/** A tiny line of recent values as inline SVG (cheap enough for hundreds of table rows). */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const points = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (points.length < 2) return <span className="text-xs text-zinc-400">—</span>;
  const max = Math.max(...points.map(([, v]) => v), 1);
  const width = 80;
  const height = 20;
  // Stretch over the stretch that has data, so a host added minutes ago still shows its shape.
  const first = points[0]![0];
  const last = points.at(-1)![0];
  const x = (i: number) => ((i - first) / Math.max(last - first, 1)) * width;
  const y = (v: number) => height - 1 - (v / max) * (height - 2);
  const d = points.map(([i, v], k) => `${k === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="inline-block text-amber-600">
      <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} />
    </svg>
  );
}
