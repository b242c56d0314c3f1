import { notFound } from "next/navigation";
import { parseRouteId } from "@/lib/route-id";
import { AdminOnly } from "@/components/auth/admin-only";
import { HostEditFormView } from "@/components/host/host-edit-form-view";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";

export default async function EditHostPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRouteId((await params).id);
  if (id === null) notFound();
  const who = await requirePageUser(`/hosts/${id}/edit`);
  return who.role === "admin" ? <HostEditFormView id={id} /> : <AdminOnly what="editHosts" />;
}
