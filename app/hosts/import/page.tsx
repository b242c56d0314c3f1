import { AdminOnly } from "@/components/auth/admin-only";
import { FormBundle } from "@/components/hosts/form-bundle";
import { FormImport } from "@/components/hosts/form-import";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";

export default async function ImportHostsPage() {
  const who = await requirePageUser("/hosts/import");
  if (who.role !== "admin") return <AdminOnly what="Importing hosts and bundles" />;
  return (
    <div className="space-y-12">
      <FormImport />
      <FormBundle />
    </div>
  );
}
