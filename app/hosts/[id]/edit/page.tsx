import { notFound } from "next/navigation";
import { FormHostEdit } from "@/components/hosts/form-host-edit";

export default async function EditHostPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return <FormHostEdit id={id} />;
}
