import type { Translate } from "../i18n/message";
import type { ChannelDto, DeliveryDto } from "./delivery";
import type { ChannelKind } from "./schemas";

/** Each kind with its name (a product's, not translated) and an example URL, for the channel form; its help is `channelKindHelp`. */
export const CHANNEL_KINDS: Record<ChannelKind, { label: string; url: string }> = {
  webhook: { label: "Webhook", url: "https://receiver.example/twscope" },
  alertmanager: { label: "Alertmanager", url: "http://127.0.0.1:9093" },
  slack: { label: "Slack", url: "https://hooks.slack.com/services/…" },
};

/** What a kind's URL is and what twscope sends to it, in the reader's language (`t`: the whole catalogue). */
export const channelKindHelp = (t: Translate, kind: ChannelKind) => t(`alerts.channelKind.help.${kind}`, { token: "<token>" });

/** "Webhook · Alertmanager body", "Alertmanager", "Slack". */
export function describeChannelKind(t: Translate, c: Pick<ChannelDto, "kind" | "options">): string {
  if (c.kind !== "webhook") return CHANNEL_KINDS[c.kind].label;
  return t("alerts.channelKind.webhookBody", { body: c.options.body });
}

/** "14 ms", "1.2 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** One attempt in words: "Delivered: HTTP 200 in 14 ms", "Failed after 9 ms: HTTP 500 Internal Server Error: boom". */
export function describeDelivery(t: Translate, d: Pick<DeliveryDto, "ok" | "httpStatus" | "error" | "durationMs">): string {
  const status = d.httpStatus === null ? t("alerts.delivery.noAnswer") : `HTTP ${d.httpStatus}`;
  if (d.ok) return t("alerts.delivery.delivered", { status, took: formatMs(d.durationMs) });
  // The sender's error starts with the status when there was one ("HTTP 500 Internal Server Error: …").
  const reason = !d.error ? status : d.httpStatus === null || d.error.startsWith(status) ? d.error : `${status}: ${d.error}`;
  return t("alerts.delivery.failed", { took: formatMs(d.durationMs), reason });
}
