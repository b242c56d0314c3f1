import { notFound } from "next/navigation";
import { Suspense } from "react";
import { HostView } from "@/components/host/host-view";

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return (
    <Suspense fallback={<p className="text-zinc-500" role="status">Loading host…</p>}>
      <HostView id={id} />
    </Suspense>
  );
}
