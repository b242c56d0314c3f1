import { AdminOnly } from "@/components/auth/admin-only";
import { AuditLogView } from "@/components/auth/audit-log-view";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log · twscope" };

export default async function AuditPage() {
  const who = await requirePageUser("/audit");
  return who.role === "admin" ? <AuditLogView /> : <AdminOnly what="The audit log" />;
}
