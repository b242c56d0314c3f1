import { useTranslations } from "next-intl";
import type { SshAuthMethod, StoredSecretKind } from "@/lib/types";

/** The form's authentication choices: the two stored-secret kinds are one auth method on the server. */
export type AuthChoice = "key" | "agent" | "stored-key" | "stored-password";

/** In the order offered; each labelled by `hostForms.auth.<choice>`. */
const CHOICES: readonly AuthChoice[] = ["key", "agent", "stored-key", "stored-password"];

export const authMethodOf = (choice: AuthChoice): SshAuthMethod =>
  choice === "stored-key" || choice === "stored-password" ? "stored" : choice;

export const secretKindOf = (choice: AuthChoice): StoredSecretKind | null =>
  choice === "stored-key" ? "private-key" : choice === "stored-password" ? "password" : null;

export function authChoiceOf(method: SshAuthMethod, stored: StoredSecretKind | null | undefined): AuthChoice {
  if (method !== "stored") return method;
  return stored === "password" ? "stored-password" : "stored-key";
}

export function AuthFieldset({ value, onChange }: { value: AuthChoice; onChange: (choice: AuthChoice) => void }) {
  const t = useTranslations("hostForms.auth");
  return (
    <fieldset className="text-sm">
      <legend className="font-medium">{t("legend")}</legend>
      {CHOICES.map((c) => (
        <label key={c} className="mr-4 inline-block">
          <input type="radio" name="auth" value={c} checked={value === c} onChange={() => onChange(c)} /> {t(c)}
        </label>
      ))}
    </fieldset>
  );
}
