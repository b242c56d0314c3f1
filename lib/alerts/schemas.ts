import { z } from "zod";
import { LOCALES, type Locale } from "../i18n/locales";

/** Where notifications go: a webhook (Alertmanager's webhook body or a generic one), an Alertmanager's API, or a Slack incoming webhook. */
const CHANNEL_KINDS = ["webhook", "alertmanager", "slack"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The bodies a `webhook` channel can send (see lib/alerts/payloads.ts). */
const WEBHOOK_BODIES = ["alertmanager", "generic"] as const;

const channelName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.@ -]+$/, "letters, digits, spaces and . _ - @ only");

/** A channel's URL, a secret (Slack's and many webhooks' URLs carry a token): http or https only, no fragment. */
const channelUrl = z
  .url({ protocol: /^https?$/, error: "an http:// or https:// URL" })
  .max(2048)
  .refine((u) => !u.includes("#"), "a URL without a #fragment");

/** A bearer token sent as `Authorization: Bearer …`; a secret like the URL. */
const bearerToken = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, "printable characters without spaces");

/** The language a channel's notifications are written in (summary, evidence, Slack's headings); labels stay English. */
const channelLanguage = z.enum(LOCALES);

export const channelOptionsSchema = z.object({ body: z.enum(WEBHOOK_BODIES).default("alertmanager") }).strict();
export type ChannelOptions = z.output<typeof channelOptionsSchema>;

export const channelCreateSchema = z
  .object({
    name: channelName,
    kind: z.enum(CHANNEL_KINDS),
    url: channelUrl,
    enabled: z.boolean().default(true),
    options: channelOptionsSchema.default({ body: "alertmanager" }),
    language: channelLanguage.default("en"),
    bearerToken: bearerToken.optional(),
  })
  .strict()
  .refine((c) => c.kind !== "slack" || c.bearerToken === undefined, {
    message: "a Slack incoming webhook takes no bearer token",
    path: ["bearerToken"],
  });
/** What the API parsed; callers inside twscope may leave the language out (English). */
export type ChannelCreateInput = Omit<z.output<typeof channelCreateSchema>, "language"> & { language?: Locale };

/** Every field optional; `bearerToken: null` removes the token. The kind cannot change. */
export const channelUpdateSchema = z
  .object({
    name: channelName.optional(),
    url: channelUrl.optional(),
    enabled: z.boolean().optional(),
    options: channelOptionsSchema.optional(),
    language: channelLanguage.optional(),
    bearerToken: bearerToken.nullable().optional(),
  })
  .strict();
export type ChannelUpdateInput = z.output<typeof channelUpdateSchema>;

export const deliveryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().positive().optional(),
});
