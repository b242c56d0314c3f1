import { FormHost } from "@/components/hosts/form-host";

export default function NewHostPage() {
  return <FormHost />;
}
