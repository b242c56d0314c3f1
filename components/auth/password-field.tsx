import { Field } from "@/components/ui/field";

/** A password being chosen: ten characters at least (the server's rule), and the browser may offer to generate one. */
export function PasswordField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <Field
      label={label}
      type="password"
      autoComplete="new-password"
      minLength={10}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required
    />
  );
}
