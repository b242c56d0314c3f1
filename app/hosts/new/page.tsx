import { AdminOnly } from "@/components/auth/admin-only";
import { FormHost } from "@/components/hosts/form-host";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";

export default async function NewHostPage() {
  const who = await requirePageUser("/hosts/new");
  return who.role === "admin" ? <FormHost /> : <AdminOnly what="Adding hosts" />;
}
