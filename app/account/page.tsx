import { PasswordFormView } from "@/components/auth/password-form-view";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";
export const metadata = { title: "Account · twscope" };

export default async function AccountPage() {
  const who = await requirePageUser("/account");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{who.name}</h1>
      <p className="text-sm text-zinc-500">
        Role: {who.role}
        {who.via === "proxy" ? ", signed in through the reverse proxy" : ""}.
      </p>
      {who.via === "session" && <PasswordFormView />}
    </div>
  );
}
