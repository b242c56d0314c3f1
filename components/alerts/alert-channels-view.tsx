"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { alertChannelsQuery } from "@/lib/api-client";
import type { ChannelDetailDto } from "@/lib/alerts/delivery";
import { useIsAdmin } from "../auth/current-user-provider";
import { QueryStatus } from "../ui/query-status";
import { AlertChannelCardView } from "./alert-channel-card-view";
import { AlertChannelFormView } from "./alert-channel-form-view";

/** The Channels tab (admins only, as is the channel API): every channel, a form, a test button and each one's delivery log. */
export function AlertChannelsView() {
  const t = useTranslations("alerts.channels");
  const isAdmin = useIsAdmin();
  const channels = useQuery({ ...alertChannelsQuery(), enabled: isAdmin });
  const [editing, setEditing] = useState<ChannelDetailDto | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!isAdmin)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-field="channels-admin-only">
        {t("adminOnly")}
      </p>
    );
  if (channels.isPending || channels.error)
    return <QueryStatus isPending={channels.isPending} error={channels.error} loading={t("loading")} failed={t("failed")} />;
  const edit = (to: ChannelDetailDto | "new") => {
    setSaved(null);
    setEditing(to);
  };
  const list = channels.data.channels;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <p className="min-w-0 flex-1 text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
        {editing === null && (
          <button
            type="button"
            className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900"
            onClick={() => edit("new")}
          >
            {t("newChannel")}
          </button>
        )}
      </div>
      {saved && (
        <p className="text-sm text-emerald-700 dark:text-emerald-400" role="status">
          {saved}
        </p>
      )}
      {editing !== null && (
        <AlertChannelFormView
          key={editing === "new" ? "new" : editing.id}
          channel={editing === "new" ? undefined : editing}
          onDone={(c) => {
            setEditing(null);
            setSaved(t("saved", { name: c.name }));
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {list.length === 0 ? (
        <p className="text-zinc-500" data-field="no-channel">
          {t("none")}
        </p>
      ) : (
        <ul className="space-y-3" aria-label={t("list")}>
          {list.map((c) => (
            <AlertChannelCardView key={c.id} channel={c} onEdit={() => edit(c)} />
          ))}
        </ul>
      )}
    </div>
  );
}
