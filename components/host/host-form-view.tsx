"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "@/lib/api-client";
import type { ConnectionTestDto, HostDto } from "@/lib/dto";
import { pollErrorText } from "@/lib/host/poll-error-words";
import { renderText } from "@/lib/i18n/message";
import { useTranslate } from "../i18n/translate";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { SubmitButton } from "../ui/submit-button";
import { authMethodOf, AuthFieldset, secretKindOf, type AuthChoice } from "./auth-fieldset";
import { EMPTY_SECRET, SecretFields, secretOf } from "./secret-fields";
import { RequestForm } from "../ui/request-form";
import { JumpHostSelectView } from "./jump-host-select-view";

const EMPTY = { name: "", address: "", port: "22", username: "", keyPath: "", passphraseEnv: "", tags: "", zone: "" };

/** Add a host in two steps: fetch and confirm its host key fingerprint, then save it pinned. */
export function HostFormView() {
  const t = useTranslations("hostForms");
  const words = useTranslate();
  const router = useRouter();
  const [form, setForm] = useState(EMPTY);
  const [auth, setAuth] = useState<AuthChoice>("key");
  const [secret, setSecret] = useState(EMPTY_SECRET);
  const [confirmed, setConfirmed] = useState(false);
  const [jumpHostId, setJumpHostId] = useState<number | null>(null);
  const changed = () => {
    setConfirmed(false);
    scan.reset();
  };
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => {
    setForm({ ...form, [key]: e.target.value });
    changed();
  };
  const secretKind = secretKindOf(auth);
  // The host-key scan does not log in, so it is sent without the secret.
  const connection = () => ({
    address: form.address,
    port: Number(form.port),
    username: form.username,
    authMethod: authMethodOf(auth),
    ...(auth === "key" ? { keyPath: form.keyPath } : {}),
    ...(form.passphraseEnv && auth === "key" ? { passphraseEnv: form.passphraseEnv } : {}),
    ...(jumpHostId ? { jumpHostId } : {}),
  });
  const scan = useMutation({ mutationFn: () => postJson<ConnectionTestDto>("/api/connection-test", connection()) });
  const save = useMutation({
    mutationFn: () =>
      postJson<HostDto>("/api/hosts", {
        ...connection(),
        name: form.name,
        hostKeyFingerprint: scan.data?.fingerprint,
        tags: form.tags.split(/[\s,]+/).filter(Boolean),
        ...(form.zone.trim() ? { zone: form.zone.trim() } : {}),
        ...(secretKind ? { secret: secretOf(secretKind, secret) } : {}),
      }),
    onSuccess: (host) => router.push(`/hosts/${host.id}`),
  });
  const fingerprint = scan.data?.fingerprint;
  return (
    <RequestForm className="max-w-xl space-y-4" onSubmit={() => save.mutate()}>
      <h1 className="text-2xl font-semibold">{t("addTitle")}</h1>
      <Field label={t("name")} value={form.name} onChange={set("name")} required placeholder={t("namePlaceholder")} />
      <div className="grid grid-cols-3 gap-3">
        <div className="col-span-2">
          <Field label={t("address")} value={form.address} onChange={set("address")} required placeholder={t("addressPlaceholder")} />
        </div>
        <Field label={t("port")} type="number" value={form.port} onChange={set("port")} min={1} max={65535} />
      </div>
      <Field label={t("user")} value={form.username} onChange={set("username")} required placeholder="twscope" hint={t("userHint")} />
      <JumpHostSelectView
        value={jumpHostId}
        onChange={(id) => {
          setJumpHostId(id);
          changed();
        }}
        error={save.error ?? scan.error}
      />
      <AuthFieldset
        value={auth}
        onChange={(c) => {
          setAuth(c);
          changed();
        }}
      />
      {auth === "key" && (
        <>
          <Field label={t("keyPath")} value={form.keyPath} onChange={set("keyPath")} placeholder="~/.ssh/id_ed25519" />
          <Field
            label={t("passphraseEnv")}
            value={form.passphraseEnv}
            onChange={set("passphraseEnv")}
            placeholder="TWSCOPE_KEY_PASSPHRASE"
            hint={t("passphraseEnvHint")}
          />
        </>
      )}
      {secretKind && <SecretFields kind={secretKind} draft={secret} onChange={setSecret} />}
      <Field label={t("tags")} value={form.tags} onChange={set("tags")} placeholder={t("tagsPlaceholder")} />
      <Field label={t("zoneOptional")} value={form.zone} onChange={set("zone")} placeholder={t("zonePlaceholder")} hint={t("zoneHint")} />
      <div className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800">
        <button
          type="button"
          onClick={() => scan.mutate()}
          disabled={scan.isPending || !form.address}
          className="rounded bg-zinc-200 px-3 py-1.5 text-sm dark:bg-zinc-800"
        >
          {scan.isPending ? t("connecting") : t("fetchKey")}
        </button>
        <FormError error={scan.error} />
        {scan.data && !fingerprint && (
          <p className="text-sm text-red-600" role="alert">
            {scan.data.message && renderText(words, pollErrorText(scan.data.message))}
          </p>
        )}
        {fingerprint && (
          <>
            <p className="text-sm">
              {t("presents")}{" "}
              <code className="font-mono break-all" data-testid="scanned-fingerprint">
                {fingerprint}
              </code>
            </p>
            <label className="block text-sm">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{" "}
              {t.rich("checkedFingerprint", { code: (chunks) => <code>{chunks}</code> })}
            </label>
          </>
        )}
      </div>
      <SubmitButton pending={save.isPending} pendingLabel={t("saving")} disabled={!confirmed}>
        {t("saveHost")}
      </SubmitButton>
      <FormError error={save.error} />
    </RequestForm>
  );
}
