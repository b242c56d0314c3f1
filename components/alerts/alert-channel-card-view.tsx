"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { alertChannelsQuery, fetchJson, postJson } from "@/lib/api-client";
import type { ChannelDetailDto, DeliveryDto } from "@/lib/alerts/delivery";
import { describeChannelKind, describeDelivery } from "@/lib/alerts/describe-channel";
import { LOCALE_NAMES } from "@/lib/i18n/locales";
import { useTranslate } from "../i18n/translate";
import { ConfirmAction } from "../ui/confirm-action";
import { FormError } from "../ui/form-error";
import { TimeAgo } from "../ui/time-ago";
import { AlertChannelDeliveriesView } from "./alert-channel-deliveries-view";

const BUTTON =
  "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** One channel: what it is, its queue and last error, and for the admin its switch, test, edit, delete and delivery log. */
export function AlertChannelCardView({ channel: c, onEdit }: { channel: ChannelDetailDto; onEdit: () => void }) {
  const t = useTranslations("alerts.channelCard");
  const translate = useTranslate();
  const client = useQueryClient();
  const [logOpen, setLogOpen] = useState(false);
  const refresh = () => void client.invalidateQueries({ queryKey: alertChannelsQuery().queryKey });
  const toggle = useMutation({
    mutationFn: () => postJson<ChannelDetailDto>(`/api/alerts/channels/${c.id}`, { enabled: !c.enabled }, "PATCH"),
    onSuccess: (saved) => {
      client.setQueryData(
        alertChannelsQuery().queryKey,
        (old) => old && { channels: old.channels.map((x) => (x.id === saved.id ? saved : x)) },
      );
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => fetchJson(`/api/alerts/channels/${c.id}`, { method: "DELETE" }),
    // Drops the card first and refreshes the list alone: refetching this card's log now would 404.
    onSuccess: () => {
      client.setQueryData(alertChannelsQuery().queryKey, (old) => old && { channels: old.channels.filter((x) => x.id !== c.id) });
      void client.invalidateQueries({ queryKey: alertChannelsQuery().queryKey, exact: true });
    },
  });
  const test = useMutation({
    mutationFn: () => postJson<{ delivery: DeliveryDto }>(`/api/alerts/channels/${c.id}/test`, {}),
    onSuccess: refresh,
  });
  const outcome = test.data?.delivery;
  return (
    <li
      className={`space-y-2 rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900 ${c.enabled ? "" : "opacity-75"}`}
      data-channel={c.name}
      data-enabled={c.enabled}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="font-semibold">{c.name}</h3>
        <span className="text-sm text-zinc-600 dark:text-zinc-400" data-field="kind">
          {describeChannelKind(translate, c)}
        </span>
        <span className="text-sm text-zinc-600 dark:text-zinc-400" data-field="language" data-language={c.language}>
          {t("language", { language: LOCALE_NAMES[c.language] })}
        </span>
        <label className="flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            aria-label={t("enabledLabel", { name: c.name })}
            checked={c.enabled}
            disabled={toggle.isPending}
            onChange={() => toggle.mutate()}
          />
          {c.enabled ? t("enabled") : <span className="text-zinc-500">{t("disabled")}</span>}
        </label>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        <code className="rounded bg-zinc-100 px-1 text-xs break-all dark:bg-zinc-800" data-field="url-hint">
          {c.urlHint}
        </code>
        {c.kind !== "slack" && <span data-field="token"> · {c.hasBearerToken ? t("tokenSet") : t("noToken")}</span>}
      </p>
      <AlertChannelCardQueue channel={c} />
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={BUTTON} disabled={test.isPending} onClick={() => test.mutate()}>
          {test.isPending ? t("sending") : t("sendTest")}
        </button>
        <button type="button" className={BUTTON} aria-label={t("editLabel", { name: c.name })} onClick={onEdit}>
          {t("edit")}
        </button>
        <ConfirmAction
          label={t("delete")}
          ariaLabel={t("deleteLabel", { name: c.name })}
          question={t("deleteQuestion", { name: c.name })}
          confirmLabel={t("confirmDelete")}
          busyLabel={t("deleting")}
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
          buttonClassName={`${BUTTON} text-red-700 dark:text-red-400`}
        />
        <button type="button" className={BUTTON} aria-expanded={logOpen} onClick={() => setLogOpen(!logOpen)}>
          {logOpen ? t("hideLog") : t("log")}
        </button>
      </div>
      {outcome && (
        <p
          role="status"
          data-field="test-outcome"
          data-ok={outcome.ok}
          className={`text-sm ${outcome.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
        >
          {t("testOutcome", { outcome: describeDelivery(translate, outcome) })}
        </p>
      )}
      <FormError error={test.error ?? toggle.error ?? remove.error} />
      {logOpen && <AlertChannelDeliveriesView channelId={c.id} />}
    </li>
  );
}

function AlertChannelCardQueue({ channel: c }: { channel: ChannelDetailDto }) {
  const t = useTranslations("alerts.channelCard");
  return (
    <p className="text-sm" data-field="queue">
      <span className={c.queued > 0 ? "font-medium" : "text-zinc-500"}>{t("queued", { count: c.queued })}</span>
      {" · "}
      <span className={c.gaveUp > 0 ? "font-medium text-red-700 dark:text-red-400" : "text-zinc-500"}>
        {t("gaveUp", { count: c.gaveUp })}
      </span>
      {" · "}
      {c.lastError ? (
        <span data-field="last-error">
          <span className="text-red-700 dark:text-red-400">{t.rich("lastError", { ago: () => <TimeAgo at={c.lastError!.at} /> })}</span>
          <span className="text-zinc-600 dark:text-zinc-400">: {c.lastError.error ?? `HTTP ${c.lastError.httpStatus}`}</span>
        </span>
      ) : (
        <span className="text-zinc-500">{t("noError")}</span>
      )}
    </p>
  );
}
