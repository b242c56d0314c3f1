import { FormImport } from "@/components/hosts/form-import";

export default function ImportHostsPage() {
  return <FormImport />;
}
