import type { SeriesDto } from "@/lib/dto";

export function ChartFrame({
  title,
  children,
  footer,
  testId,
}: {
  title: React.ReactNode;
  children: React.ReactNode;
  footer?: React.ReactNode;
  testId: string;
}) {
  return (
    <figure className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2">{title}</figcaption>
      <div className="h-64" data-testid={testId}>
        {children}
      </div>
      {footer}
    </figure>
  );
}

/** What a chart draws: a live series, or one frozen in a snapshot (older snapshots carry no gaps or events). */
type ChartSeries = Pick<SeriesDto, "points" | "from" | "to"> & Partial<Pick<SeriesDto, "gaps" | "events">>;

export interface SeriesState {
  series: ChartSeries | undefined;
  isPending: boolean;
  error: Error | null;
}
