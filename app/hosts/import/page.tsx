import { FormBundle } from "@/components/hosts/form-bundle";
import { FormImport } from "@/components/hosts/form-import";

export default function ImportHostsPage() {
  return (
    <div className="space-y-12">
      <FormImport />
      <FormBundle />
    </div>
  );
}
