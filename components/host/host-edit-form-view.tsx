"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson, hostQuery, postJson } from "@/lib/api-client";
import type { HostDetailDto, HostDto } from "@/lib/dto";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { QueryStatus } from "../ui/query-status";
import { SubmitButton } from "../ui/submit-button";
import { authChoiceOf, authMethodOf, AuthFieldset, secretKindOf, type AuthChoice } from "./auth-fieldset";
import { EMPTY_SECRET, secretOf } from "./secret-fields";
import { StoredSecretPanelView } from "./stored-secret-panel-view";
import { RequestForm } from "../ui/request-form";
import { JumpHostSelectView } from "./jump-host-select-view";

type Draft = {
  name: string;
  address: string;
  port: string;
  username: string;
  keyPath: string;
  passphraseEnv: string;
  tags: string;
  zone: string;
};

const draftOf = (h: HostDetailDto): Draft => ({
  name: h.name,
  address: h.address,
  port: String(h.port),
  username: h.username,
  keyPath: h.keyPath ?? "",
  passphraseEnv: h.passphraseEnv ?? "",
  tags: h.tags.join(" "),
  zone: h.zone ?? "",
});

/** Edit an SSH host's connection settings and tags, or remove it. The pinned host key is changed only by re-trusting. */
export function HostEditFormView({ id }: { id: number }) {
  const t = useTranslations("hostForms");
  const { data: host, error, isPending } = useQuery({ ...hostQuery(id), refetchInterval: false });
  if (isPending || error)
    return <QueryStatus isPending={isPending} error={error} loading={t("loading")} failed={t("cannotLoad", { id })} />;
  return <EditForm host={host} />;
}

function EditForm({ host }: { host: HostDetailDto }) {
  const t = useTranslations("hostForms");
  const router = useRouter();
  const queryClient = useQueryClient();
  const [d, setD] = useState(draftOf(host));
  const [auth, setAuth] = useState<AuthChoice>(authChoiceOf(host.authMethod, host.storedSecret?.kind));
  const [secret, setSecret] = useState(EMPTY_SECRET);
  const [replacing, setReplacing] = useState(false);
  const [jumpHostId, setJumpHostId] = useState(host.jumpHostId);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const secretKind = secretKindOf(auth);
  // A new secret is sent only when there is none of this kind yet or the admin chose to replace it.
  const sendsSecret = secretKind !== null && (replacing || host.storedSecret?.kind !== secretKind);
  const save = useMutation({
    mutationFn: () =>
      postJson<HostDto>(
        `/api/hosts/${host.id}`,
        {
          name: d.name,
          address: d.address,
          port: Number(d.port),
          username: d.username,
          authMethod: authMethodOf(auth),
          keyPath: auth === "key" ? d.keyPath : null,
          passphraseEnv: auth === "key" && d.passphraseEnv ? d.passphraseEnv : null,
          tags: d.tags.split(/[\s,]+/).filter(Boolean),
          zone: d.zone.trim() || null,
          jumpHostId,
          ...(sendsSecret && secretKind ? { secret: secretOf(secretKind, secret) } : {}),
        },
        "PATCH",
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries();
      router.push(`/hosts/${host.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => fetchJson(`/api/hosts/${host.id}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries();
      router.push("/");
    },
  });
  return (
    <RequestForm className="max-w-xl space-y-4" onSubmit={() => save.mutate()}>
      <h1 className="text-2xl font-semibold">{t("editTitle", { name: host.name })}</h1>
      <Field label={t("name")} value={d.name} onChange={set("name")} required />
      <div className="grid grid-cols-3 gap-3">
        <div className="col-span-2">
          <Field label={t("address")} value={d.address} onChange={set("address")} required />
        </div>
        <Field label={t("port")} type="number" value={d.port} onChange={set("port")} min={1} max={65535} />
      </div>
      <Field label={t("user")} value={d.username} onChange={set("username")} required />
      <JumpHostSelectView selfId={host.id} value={jumpHostId} onChange={setJumpHostId} error={save.error} />
      <AuthFieldset
        value={auth}
        onChange={(c) => {
          setAuth(c);
          setReplacing(false);
          setSecret(EMPTY_SECRET);
        }}
      />
      {auth === "key" && (
        <>
          <Field label={t("keyPath")} value={d.keyPath} onChange={set("keyPath")} required />
          <Field label={t("passphraseEnv")} value={d.passphraseEnv} onChange={set("passphraseEnv")} />
        </>
      )}
      <StoredSecretPanelView
        host={host}
        kind={secretKind}
        replacing={sendsSecret}
        onReplace={() => setReplacing(true)}
        draft={secret}
        onDraft={setSecret}
      />
      <Field label={t("tags")} value={d.tags} onChange={set("tags")} />
      <Field label={t("zone")} value={d.zone} onChange={set("zone")} hint={t("zoneHintEdit")} />
      <p className="text-xs text-zinc-500">{t("pinnedStays", { fingerprint: host.hostKeyFingerprint ?? t("none") })}</p>
      <div className="flex gap-3">
        <SubmitButton pending={save.isPending} pendingLabel={t("saving")}>
          {t("save")}
        </SubmitButton>
        <button
          type="button"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(t("removeConfirm", { name: host.name }))) remove.mutate();
          }}
          className="rounded border border-red-300 px-4 py-2 text-red-700 dark:border-red-800 dark:text-red-300"
        >
          {t("remove")}
        </button>
      </div>
      <FormError error={save.error ?? remove.error} />
    </RequestForm>
  );
}
