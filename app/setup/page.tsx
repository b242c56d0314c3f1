import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SetupFormView } from "@/components/auth/setup-form-view";
import { SetupLinkSpent } from "@/components/auth/setup-link-spent";
import { ClientMessages } from "@/components/i18n/client-messages";
import { setupLinkState } from "@/server/auth/setup";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";
export const generateMetadata = async () => ({ title: (await getTranslations("auth.setup"))("pageTitle") });

type Props = { searchParams: Promise<{ token?: string | string[] }> };

/** The one-time link a first start prints; a spent or stale link says so instead of the form. */
export default async function SetupPage({ searchParams }: Props) {
  const raw = (await searchParams).token;
  const token = Array.isArray(raw) ? raw[0] : raw;
  if (!token) redirect("/signin");
  const state = await setupLinkState((await getContext()).db, token);
  if (state !== "open") return <SetupLinkSpent reason={state} />;
  return (
    <ClientMessages namespaces={["auth", "ui"]}>
      <SetupFormView token={token} />
    </ClientMessages>
  );
}
