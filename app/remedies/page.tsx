import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { RemedyCatalogue } from "@/components/remedies/remedy-catalogue";
import { remedyFilterOf } from "@/lib/advice/remedy-catalogue";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("remedies");
  return { title: t("metaTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The catalogue renders on the server; its only client components are the copy buttons (`ui`). */
export default async function RemediesPage({ searchParams }: Props) {
  await requirePageUser("/remedies");
  return (
    <ClientMessages namespaces={["ui"]}>
      <RemedyCatalogue filter={remedyFilterOf(await searchParams)} />
    </ClientMessages>
  );
}
