import { CatalogueRemedies } from "@/components/remedies/catalogue-remedies";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";
export const metadata = { title: "Remedies · twscope" };

export default async function RemediesPage() {
  await requirePageUser("/remedies");
  return <CatalogueRemedies />;
}
