import { CatalogueRemedies } from "@/components/remedies/catalogue-remedies";

export const metadata = { title: "Remedies · twscope" };

export default function RemediesPage() {
  return <CatalogueRemedies />;
}
