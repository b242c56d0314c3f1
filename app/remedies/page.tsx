import { RemedyCatalogue } from "@/components/remedies/remedy-catalogue";
import { remedyFilterOf } from "@/lib/advice/remedy-catalogue";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";
export const metadata = { title: "Remedies · twscope" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RemediesPage({ searchParams }: Props) {
  await requirePageUser("/remedies");
  return <RemedyCatalogue filter={remedyFilterOf(await searchParams)} />;
}
