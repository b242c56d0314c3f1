import { AdminOnly } from "@/components/auth/admin-only";
import { UsersAdminView } from "@/components/auth/users-admin-view";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";
export const metadata = { title: "Users · twscope" };

export default async function UsersPage() {
  const who = await requirePageUser("/users");
  return who.role === "admin" ? <UsersAdminView me={who.name} /> : <AdminOnly what="Managing users" />;
}
