import "server-only";
import { cutError, type ChannelDto } from "@/lib/alerts/delivery";
import {
  alertmanagerApiBody,
  alertmanagerWebhookBody,
  genericWebhookBody,
  slackBody,
  type MessageContext,
  type OutgoingAlert,
} from "@/lib/alerts/payloads";
import type { ChannelSecret } from "../db/alert-channels";
import { translatorFor } from "../i18n/translator";

export interface SendOptions {
  now: number;
  /** Alertmanager keeps a firing alert active 4 × this long after each send. */
  resendMs: number;
  timeoutMs: number;
}

/** How one POST went. `error` never holds the channel's URL or token. */
export interface SendResult {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

const RESPONSE_EXCERPT_BYTES = 2048;

/** The URL and JSON body a channel's message goes out as. */
function requestFor(
  channel: Pick<ChannelDto, "kind" | "options" | "language">,
  url: string,
  alerts: readonly OutgoingAlert[],
  m: MessageContext,
  o: Pick<SendOptions, "now" | "resendMs">,
): { url: string; body: unknown } {
  if (channel.kind === "alertmanager") {
    const api = new URL(url);
    api.pathname = `${api.pathname.replace(/\/+$/, "")}/api/v2/alerts`;
    return { url: api.toString(), body: alertmanagerApiBody(alerts, o) };
  }
  if (channel.kind === "slack") return { url, body: slackBody(alerts, m, translatorFor(channel.language)) };
  return { url, body: channel.options.body === "generic" ? genericWebhookBody(alerts, m) : alertmanagerWebhookBody(alerts, m) };
}

/** POSTs one message with a deadline; 2xx is delivered, anything else (a redirect too) is a failure with the reason. */
export async function sendMessage(
  channel: Pick<ChannelDto, "kind" | "options" | "language">,
  secret: ChannelSecret,
  alerts: readonly OutgoingAlert[],
  m: MessageContext,
  o: SendOptions,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const scrub = scrubberFor(secret);
  try {
    const { url, body } = requestFor(channel, secret.url, alerts, m, o);
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "twscope",
        ...(secret.bearerToken ? { authorization: `Bearer ${secret.bearerToken}` } : {}),
      },
      body: JSON.stringify(body),
      // A redirect could carry the token elsewhere: it counts as a failure, never followed.
      redirect: "manual",
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    const excerpt = await readExcerpt(res);
    if (res.status >= 200 && res.status < 300) return { ok: true, httpStatus: res.status, error: null, durationMs: elapsed() };
    const reason = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}${excerpt ? `: ${excerpt}` : ""}`;
    return { ok: false, httpStatus: res.status, error: cutError(scrub(reason)), durationMs: elapsed() };
  } catch (err) {
    return { ok: false, httpStatus: null, error: cutError(scrub(describeFailure(err, o.timeoutMs))), durationMs: elapsed() };
  }
}

async function readExcerpt(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      chunks.push(part.value);
      total += part.value.length;
      if (total >= RESPONSE_EXCERPT_BYTES) break;
    }
  } catch {
    // A body cut off after the status: the status says enough.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8").trim();
}

function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = e?.cause ? (e.cause.code ?? e.cause.message) : null;
  return cause ? `${e.message}: ${cause}` : String(e?.message ?? err);
}

/** Removes the URL (whole, and its path and query, where tokens sit) and the bearer token from a text. */
function scrubberFor(secret: ChannelSecret): (text: string) => string {
  const parts = [secret.url, secret.bearerToken];
  try {
    const u = new URL(secret.url);
    parts.push(u.pathname.length > 1 ? u.pathname : undefined, u.search || undefined, u.username || undefined, u.password || undefined);
  } catch {
    // Validated when stored; nothing more to remove.
  }
  const secrets = parts.filter((p): p is string => !!p && p.length >= 2).sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((t, s) => t.split(s).join("…"), text);
}
