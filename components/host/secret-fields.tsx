import { useTranslations } from "next-intl";
import type { HostSecretInput } from "@/lib/schemas";
import type { StoredSecretKind } from "@/lib/types";
import { Field, FieldTextarea } from "../ui/field";

/** What an admin typed for a stored secret; sent once on save, never read back from the server. */
export interface SecretDraft {
  privateKey: string;
  passphrase: string;
  password: string;
}

export const EMPTY_SECRET: SecretDraft = { privateKey: "", passphrase: "", password: "" };

export function secretOf(kind: StoredSecretKind, d: SecretDraft): HostSecretInput {
  if (kind === "password") return { kind, password: d.password };
  return { kind, privateKey: d.privateKey, ...(d.passphrase ? { passphrase: d.passphrase } : {}) };
}

/** Inputs for a private key (with optional passphrase) or a password; autocomplete is off so browsers do not keep them. */
export function SecretFields({
  kind,
  draft,
  onChange,
}: {
  kind: StoredSecretKind;
  draft: SecretDraft;
  onChange: (d: SecretDraft) => void;
}) {
  const t = useTranslations("hostForms.secret");
  const set = (k: keyof SecretDraft) => (e: { target: { value: string } }) => onChange({ ...draft, [k]: e.target.value });
  if (kind === "password") {
    return (
      <Field
        label={t("password")}
        type="password"
        autoComplete="new-password"
        value={draft.password}
        onChange={set("password")}
        required
        hint={t("storedHint")}
      />
    );
  }
  return (
    <>
      <FieldTextarea
        label={t("privateKey")}
        value={draft.privateKey}
        onChange={set("privateKey")}
        required
        rows={6}
        spellCheck={false}
        autoComplete="off"
        placeholder={t("privateKeyPlaceholder")}
        hint={t("storedHint")}
      />
      <Field label={t("passphrase")} type="password" autoComplete="new-password" value={draft.passphrase} onChange={set("passphrase")} />
    </>
  );
}
