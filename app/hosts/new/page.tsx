import { AdminOnly } from "@/components/auth/admin-only";
import { HostFormView } from "@/components/host/host-form-view";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";

export default async function NewHostPage() {
  const who = await requirePageUser("/hosts/new");
  return who.role === "admin" ? <HostFormView /> : <AdminOnly what="addHosts" />;
}
