import { notFound } from "next/navigation";
import { HostView } from "@/components/host/host-view";

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return <HostView id={id} />;
}
