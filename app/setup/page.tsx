import { redirect } from "next/navigation";
import { FormSetup } from "@/components/auth/form-setup";
import { setupOpen } from "@/server/auth/setup";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up · twscope" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

/** The one-time link a first start prints; once an admin exists it leads to sign-in. */
export default async function SetupPage({ searchParams }: Props) {
  const raw = (await searchParams).token;
  const token = Array.isArray(raw) ? raw[0] : raw;
  if (!setupOpen() || !token) redirect("/signin");
  return <FormSetup token={token} />;
}
