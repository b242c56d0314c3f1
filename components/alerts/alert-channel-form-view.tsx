"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { alertChannelsQuery, postJson } from "@/lib/api-client";
import type { ChannelDetailDto } from "@/lib/alerts/delivery";
import { CHANNEL_KIND_HELP } from "@/lib/alerts/describe-channel";
import type { ChannelKind, ChannelOptions } from "@/lib/alerts/schemas";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { RequestForm } from "../ui/request-form";
import { SubmitButton } from "../ui/submit-button";

const SELECT = "mt-1 block max-w-full rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900";
const KINDS = Object.keys(CHANNEL_KIND_HELP) as ChannelKind[];

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
  const client = useQueryClient();
  const [name, setName] = useState(channel?.name ?? "");
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
        return postJson<ChannelDetailDto>("/api/alerts/channels", { name, kind, url, ...options, ...bearer });
      }
      const bearer = removeToken ? { bearerToken: null } : token ? { bearerToken: token } : {};
      return postJson<ChannelDetailDto>(
        `/api/alerts/channels/${channel.id}`,
        { name, ...options, ...(url ? { url } : {}), ...bearer },
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
  const help = CHANNEL_KIND_HELP[kind];
  return (
    <RequestForm
      className="max-w-xl space-y-3 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      onSubmit={() => save.mutate()}
    >
      <h2 className="text-lg font-semibold">{channel ? `Edit “${channel.name}”` : "New channel"}</h2>
      <Field label="Name" hint="the receiver’s name in what is sent" value={name} onChange={(e) => setName(e.target.value)} required />
      <div className="text-sm">
        <label className="block">
          <span className="font-medium">Kind</span>
          <select value={kind} disabled={!!channel} onChange={(e) => setKind(e.target.value as ChannelKind)} className={SELECT}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {CHANNEL_KIND_HELP[k].label}
              </option>
            ))}
          </select>
        </label>
        <p className="mt-1 text-xs text-zinc-500" data-field="kind-help">
          {help.help}
        </p>
      </div>
      <Field
        label="URL"
        hint={
          channel
            ? `Stored, ${channel.urlHint}: leave blank to keep it, or type a new URL to replace it.`
            : "A secret: stored encrypted, never shown again."
        }
        placeholder={channel ? `${channel.urlHint} (unchanged)` : help.url}
        autoComplete="off"
        spellCheck={false}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required={!channel}
      />
      {kind === "webhook" && (
        <div className="text-sm">
          <label className="block">
            <span className="font-medium">Body</span>
            <select value={body} onChange={(e) => setBody(e.target.value as ChannelOptions["body"])} className={SELECT}>
              <option value="alertmanager">Alertmanager’s webhook body</option>
              <option value="generic">Generic (twscope/1)</option>
            </select>
          </label>
          <p className="mt-1 text-xs text-zinc-500">
            {body === "generic"
              ? "A flat list of alerts, each with its name, severity, summary and link."
              : "The body Alertmanager sends its webhooks: receivers written for Alertmanager take it unchanged."}
          </p>
        </div>
      )}
      {kind !== "slack" && (
        <div className="space-y-1">
          <Field
            label="Bearer token (optional)"
            hint={
              channel?.hasBearerToken
                ? "A token is set: leave blank to keep it, or type a new one to replace it."
                : "Sent as Authorization: Bearer <token>; stored encrypted, never shown again."
            }
            type="password"
            autoComplete="new-password"
            placeholder={channel?.hasBearerToken ? "•••••• (unchanged)" : ""}
            disabled={removeToken}
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          {channel?.hasBearerToken && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={removeToken} onChange={(e) => setRemoveToken(e.target.checked)} />
              Remove the token
            </label>
          )}
        </div>
      )}
      <div className="flex items-center gap-3">
        <SubmitButton pending={save.isPending} pendingLabel="Saving…">
          {channel ? "Save channel" : "Create channel"}
        </SubmitButton>
        <button type="button" className="text-sm underline" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <FormError error={save.error} />
    </RequestForm>
  );
}
