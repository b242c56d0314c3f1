"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { alertChannelsQuery } from "@/lib/api-client";
import type { ChannelDetailDto } from "@/lib/alerts/delivery";
import { useIsAdmin } from "../auth/current-user-provider";
import { QueryStatus } from "../ui/query-status";
import { AlertChannelCardView } from "./alert-channel-card-view";
import { AlertChannelFormView } from "./alert-channel-form-view";

/** The Channels tab (admins only, as is the channel API): every channel, a form, a test button and each one's delivery log. */
export function AlertChannelsView() {
  const isAdmin = useIsAdmin();
  const channels = useQuery({ ...alertChannelsQuery(), enabled: isAdmin });
  const [editing, setEditing] = useState<ChannelDetailDto | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!isAdmin)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-field="channels-admin-only">
        Notification channels (webhooks, Alertmanager, Slack) are managed by admins.
      </p>
    );
  if (channels.isPending || channels.error)
    return <QueryStatus isPending={channels.isPending} error={channels.error} loading="Loading channels…" failed="Cannot load channels" />;
  const edit = (to: ChannelDetailDto | "new") => {
    setSaved(null);
    setEditing(to);
  };
  const list = channels.data.channels;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <p className="min-w-0 flex-1 text-sm text-zinc-600 dark:text-zinc-400">
          What fires and what resolves is sent to every enabled channel, one message per channel and host, retried for about 30 minutes. A
          disabled channel gives up what it had queued.
        </p>
        {editing === null && (
          <button
            type="button"
            className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900"
            onClick={() => edit("new")}
          >
            New channel
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
            setSaved(`Channel “${c.name}” saved.`);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {list.length === 0 ? (
        <p className="text-zinc-500" data-field="no-channel">
          No channel yet: alerts fire and show here, but nobody is told.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Channels">
          {list.map((c) => (
            <AlertChannelCardView key={c.id} channel={c} onEdit={() => edit(c)} />
          ))}
        </ul>
      )}
    </div>
  );
}
