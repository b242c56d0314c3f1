"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { alertChannelsQuery, postJson } from "@/lib/api-client";
import type { ChannelDetailDto } from "@/lib/alerts/delivery";
import { CHANNEL_KINDS, channelKindHelp } from "@/lib/alerts/describe-channel";
import type { ChannelKind, ChannelOptions } from "@/lib/alerts/schemas";
import { DEFAULT_LOCALE, LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";
import { useTranslate } from "../i18n/translate";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { RequestForm } from "../ui/request-form";
import { SubmitButton } from "../ui/submit-button";

const SELECT = "mt-1 block max-w-full rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900";
const KINDS = Object.keys(CHANNEL_KINDS) as ChannelKind[];

interface Props {
  /** The channel to edit; a new channel when absent. */
  channel?: ChannelDetailDto;
  onDone: (channel: ChannelDetailDto) => void;
  onCancel: () => void;
}

/**
 * Creates a channel or edits one. The URL and token are write-only (the API never returns them): when
 * editing, a blank field keeps what is stored and a typed one replaces it; "Remove the token" clears it.
 */
export function AlertChannelFormView({ channel, onDone, onCancel }: Props) {
  const t = useTranslations("alerts.channelForm");
  const translate = useTranslate();
  const client = useQueryClient();
  const [name, setName] = useState(channel?.name ?? "");
  const [language, setLanguage] = useState<Locale>(channel?.language ?? DEFAULT_LOCALE);
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? "webhook");
  const [url, setUrl] = useState("");
  const [body, setBody] = useState<ChannelOptions["body"]>(channel?.options.body ?? "alertmanager");
  const [token, setToken] = useState("");
  const [removeToken, setRemoveToken] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const options = kind === "webhook" ? { options: { body } } : {};
      if (!channel) {
        const bearer = token && kind !== "slack" ? { bearerToken: token } : {};
        return postJson<ChannelDetailDto>("/api/alerts/channels", { name, kind, url, language, ...options, ...bearer });
      }
      const bearer = removeToken ? { bearerToken: null } : token ? { bearerToken: token } : {};
      return postJson<ChannelDetailDto>(
        `/api/alerts/channels/${channel.id}`,
        { name, language, ...options, ...(url ? { url } : {}), ...bearer },
        "PATCH",
      );
    },
    onSuccess: (saved) => {
      client.setQueryData(
        alertChannelsQuery().queryKey,
        (old) =>
          old && {
            channels: old.channels.some((c) => c.id === saved.id)
              ? old.channels.map((c) => (c.id === saved.id ? saved : c))
              : [...old.channels, saved],
          },
      );
      void client.invalidateQueries({ queryKey: alertChannelsQuery().queryKey });
      onDone(saved);
    },
  });
  const example = CHANNEL_KINDS[kind];
  return (
    <RequestForm
      className="max-w-xl space-y-3 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      onSubmit={() => save.mutate()}
    >
      <h2 className="text-lg font-semibold">{channel ? t("editTitle", { name: channel.name }) : t("newTitle")}</h2>
      <Field label={t("name")} hint={t("nameHint")} value={name} onChange={(e) => setName(e.target.value)} required />
      <div className="text-sm">
        <label className="block">
          <span className="font-medium">{t("kind")}</span>
          <select value={kind} disabled={!!channel} onChange={(e) => setKind(e.target.value as ChannelKind)} className={SELECT}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {CHANNEL_KINDS[k].label}
              </option>
            ))}
          </select>
        </label>
        <p className="mt-1 text-xs text-zinc-500" data-field="kind-help">
          {channelKindHelp(translate, kind)}
        </p>
      </div>
      <div className="text-sm">
        <label className="block">
          <span className="font-medium">{t("language")}</span>
          <select name="language" value={language} onChange={(e) => setLanguage(e.target.value as Locale)} className={SELECT}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <p className="mt-1 text-xs text-zinc-500">{t("languageHint")}</p>
      </div>
      <Field
        label={t("url")}
        hint={channel ? t("urlHintStored", { hint: channel.urlHint }) : t("urlHintNew")}
        placeholder={channel ? t("urlPlaceholderStored", { hint: channel.urlHint }) : example.url}
        autoComplete="off"
        spellCheck={false}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required={!channel}
      />
      {kind === "webhook" && (
        <div className="text-sm">
          <label className="block">
            <span className="font-medium">{t("body")}</span>
            <select value={body} onChange={(e) => setBody(e.target.value as ChannelOptions["body"])} className={SELECT}>
              <option value="alertmanager">{t("bodyAlertmanager")}</option>
              <option value="generic">{t("bodyGeneric")}</option>
            </select>
          </label>
          <p className="mt-1 text-xs text-zinc-500">{body === "generic" ? t("bodyGenericHelp") : t("bodyAlertmanagerHelp")}</p>
        </div>
      )}
      {kind !== "slack" && (
        <div className="space-y-1">
          <Field
            label={t("token")}
            hint={channel?.hasBearerToken ? t("tokenHintSet") : t("tokenHintNew", { token: "<token>" })}
            type="password"
            autoComplete="new-password"
            placeholder={channel?.hasBearerToken ? t("tokenPlaceholderSet") : ""}
            disabled={removeToken}
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          {channel?.hasBearerToken && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={removeToken} onChange={(e) => setRemoveToken(e.target.checked)} />
              {t("removeToken")}
            </label>
          )}
        </div>
      )}
      <div className="flex items-center gap-3">
        <SubmitButton pending={save.isPending} pendingLabel={t("saving")}>
          {channel ? t("save") : t("create")}
        </SubmitButton>
        <button type="button" className="text-sm underline" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
      <FormError error={save.error} />
    </RequestForm>
  );
}
