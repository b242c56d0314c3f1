import type { SeriesPointDto } from "@/lib/dto";

export function ChartFrame({ title, children, testId }: { title: React.ReactNode; children: React.ReactNode; testId: string }) {
  return (
    <figure className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2">{title}</figcaption>
      <div className="h-64" data-testid={testId}>{children}</div>
    </figure>
  );
}

export interface SeriesState { points: SeriesPointDto[]; isPending: boolean; error: Error | null }

export function ChartStatus({ points, isPending, error, children }: SeriesState & { children: React.ReactNode }) {
  if (isPending) return <p className="text-sm text-zinc-500" role="status">Loading chart…</p>;
  if (error) return <p className="text-sm text-red-600" role="alert">Cannot load the series: {error.message}</p>;
  if (!points.length) return <p className="text-sm text-zinc-500">No samples in this range yet.</p>;
  return <>{children}</>;
}
