import type { ChannelDto, DeliveryDto } from "./delivery";
import type { ChannelKind } from "./schemas";

/** Each kind with its name and what its URL is, for the channel form. */
export const CHANNEL_KIND_HELP: Record<ChannelKind, { label: string; url: string; help: string }> = {
  webhook: {
    label: "Webhook",
    url: "https://receiver.example/twscope",
    help: "A POST to this URL, with Authorization: Bearer <token> when a token is set.",
  },
  alertmanager: {
    label: "Alertmanager",
    url: "http://127.0.0.1:9093",
    help: "Alertmanager's base URL, such as http://127.0.0.1:9093: twscope posts to /api/v2/alerts under it and re-sends what still fires (TWSCOPE_ALERT_RESEND), so Alertmanager keeps it active.",
  },
  slack: {
    label: "Slack",
    url: "https://hooks.slack.com/services/…",
    help: "A Slack incoming-webhook URL (https://hooks.slack.com/services/…). It takes no bearer token.",
  },
};

/** "Webhook · Alertmanager body", "Alertmanager", "Slack". */
export function describeChannelKind(c: Pick<ChannelDto, "kind" | "options">): string {
  if (c.kind !== "webhook") return CHANNEL_KIND_HELP[c.kind].label;
  return `Webhook · ${c.options.body === "generic" ? "generic" : "Alertmanager"} body`;
}

/** "14 ms", "1.2 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** One attempt in words: "Delivered: HTTP 200 in 14 ms", "Failed after 9 ms: HTTP 500 Internal Server Error: boom". */
export function describeDelivery(d: Pick<DeliveryDto, "ok" | "httpStatus" | "error" | "durationMs">): string {
  const status = d.httpStatus === null ? "no HTTP answer" : `HTTP ${d.httpStatus}`;
  if (d.ok) return `Delivered: ${status} in ${formatMs(d.durationMs)}`;
  // The sender's error starts with the status when there was one ("HTTP 500 Internal Server Error: …").
  const reason = !d.error ? status : d.httpStatus === null || d.error.startsWith(status) ? d.error : `${status}: ${d.error}`;
  return `Failed after ${formatMs(d.durationMs)}: ${reason}`;
}
