import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInFormView } from "@/components/auth/sign-in-form-view";
import { ClientMessages } from "@/components/i18n/client-messages";
import { safeNextPath } from "@/lib/auth/safe-next";
import { currentUser } from "@/server/auth/page-access";
import { setupOpen } from "@/server/auth/setup";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";
export const generateMetadata = async () => ({ title: (await getTranslations("auth.signIn"))("pageTitle") });

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  if (await currentUser()) redirect(next);
  return (
    <ClientMessages namespaces={["auth", "ui"]}>
      <SignInFormView next={next} setupOpen={await setupOpen((await getContext()).db)} />
    </ClientMessages>
  );
}
