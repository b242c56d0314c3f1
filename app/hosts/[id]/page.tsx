import { notFound } from "next/navigation";
import { Suspense } from "react";
import { HostView } from "@/components/host/host-view";
import { rangeOf } from "@/lib/series/range";
import { AppError } from "@/server/errors";
import { requirePageUser } from "@/server/auth/page-access";
import { getHostDetail, hostSeries } from "@/server/services/hosts/hosts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Rendered with the host and its chart series in the HTML; the client keeps them live. */
export default async function HostPage({ params, searchParams }: Props) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const range = rangeOf((await searchParams).range);
  await requirePageUser(`/hosts/${id}?range=${range}`);
  let host;
  try {
    host = getHostDetail(id);
  } catch (err) {
    if (err instanceof AppError && err.httpStatus === 404) notFound();
    throw err;
  }
  return (
    <Suspense fallback={<p className="text-zinc-500" role="status">Loading host…</p>}>
      <HostView id={id} initialHost={host} initialSeries={{ range, series: hostSeries(id, range) }} />
    </Suspense>
  );
}
