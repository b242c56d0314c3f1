import "server-only";
import type { ChannelDto } from "@/lib/alerts/delivery";
import { channelOptionsSchema, type ChannelKind, type ChannelOptions } from "@/lib/alerts/schemas";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { open, seal, SecretDecryptError } from "../secrets/cipher";
import type { Db } from "./db";

/** What a channel keeps encrypted: its URL (Slack's and many webhooks' carry a token) and an optional bearer token. */
export interface ChannelSecret {
  url: string;
  bearerToken?: string;
}

interface ChannelRow {
  id: number;
  name: string;
  kind: ChannelKind;
  enabled: number;
  options: string;
  language: string;
  url_hint: string;
  nonce: Buffer;
  ciphertext: Buffer;
  auth_tag: Buffer;
  created_at: number;
  updated_at: number;
}

/** Binds a channel's ciphertext to its row: copied to another channel, it does not decrypt. */
const channelAad = (id: number) => `twscope:alert-channel:${id}`;

/** `https://hooks.slack.com/…`: the scheme and host (with port) of a URL, never its path, query or user. */
function urlHintOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}/…`;
}

function fromRow(r: ChannelRow): ChannelDto {
  const stored = JSON.parse(r.options) as Record<string, unknown>;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled === 1,
    options: channelOptionsSchema.parse({ body: stored.body }),
    language: isLocale(r.language) ? r.language : DEFAULT_LOCALE,
    urlHint: r.url_hint,
    hasBearerToken: stored.bearerToken === true,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const optionsJson = (options: ChannelOptions, secret: ChannelSecret) =>
  JSON.stringify({ ...options, bearerToken: secret.bearerToken !== undefined });

export async function listChannels(db: Db): Promise<ChannelDto[]> {
  return (await db.all<ChannelRow>("SELECT * FROM alert_channels ORDER BY name")).map(fromRow);
}

export async function getChannel(db: Db, id: number): Promise<ChannelDto | null> {
  const row = await db.get<ChannelRow>("SELECT * FROM alert_channels WHERE id = ?", [id]);
  return row ? fromRow(row) : null;
}

export async function getChannelByName(db: Db, name: string): Promise<ChannelDto | null> {
  const row = await db.get<ChannelRow>("SELECT * FROM alert_channels WHERE name = ?", [name]);
  return row ? fromRow(row) : null;
}

export interface NewChannel {
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  options: ChannelOptions;
  /** English when not given. */
  language?: Locale;
  secret: ChannelSecret;
}

/** Inserts a channel with its secret encrypted (sealed once the row has its id, which the ciphertext is bound to). */
export async function insertChannel(db: Db, key: Buffer, c: NewChannel, now = Date.now()): Promise<ChannelDto> {
  const none = Buffer.alloc(0);
  return db.tx(async (t) => {
    const row = await t.get<{ id: number }>(
      `INSERT INTO alert_channels (name, kind, enabled, options, language, url_hint, nonce, ciphertext, auth_tag, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        c.name,
        c.kind,
        c.enabled ? 1 : 0,
        optionsJson(c.options, c.secret),
        c.language ?? DEFAULT_LOCALE,
        urlHintOf(c.secret.url),
        none,
        none,
        none,
        now,
        now,
      ],
    );
    await writeSecret(t, key, row!.id, c.secret, now);
    return (await getChannel(t, row!.id))!;
  });
}

export interface ChannelPatch {
  name?: string;
  enabled?: boolean;
  options?: ChannelOptions;
  language?: Locale;
  /** The whole new secret (URL and token) when either changed. */
  secret?: ChannelSecret;
}

export async function updateChannel(db: Db, key: Buffer, id: number, patch: ChannelPatch, now = Date.now()): Promise<ChannelDto | null> {
  const current = await getChannel(db, id);
  if (!current) return null;
  await db.tx(async (t) => {
    const bearer = patch.secret ? patch.secret.bearerToken !== undefined : current.hasBearerToken;
    await t.run("UPDATE alert_channels SET name = ?, enabled = ?, options = ?, language = ?, updated_at = ? WHERE id = ?", [
      patch.name ?? current.name,
      (patch.enabled ?? current.enabled) ? 1 : 0,
      JSON.stringify({ ...(patch.options ?? current.options), bearerToken: bearer }),
      patch.language ?? current.language,
      now,
      id,
    ]);
    if (patch.secret) await writeSecret(t, key, id, patch.secret, now);
  });
  // A replaced URL or token must not linger in the write-ahead log.
  if (patch.secret) await db.purgeDeleted();
  return getChannel(db, id);
}

async function writeSecret(db: Db, key: Buffer, id: number, secret: ChannelSecret, now: number): Promise<void> {
  const sealed = seal(key, JSON.stringify(secret), channelAad(id));
  await db.run("UPDATE alert_channels SET url_hint = ?, nonce = ?, ciphertext = ?, auth_tag = ?, updated_at = ? WHERE id = ?", [
    urlHintOf(secret.url),
    sealed.nonce,
    sealed.ciphertext,
    sealed.authTag,
    now,
    id,
  ]);
}

/** Decrypts a channel's URL and token for one send; throws `SecretDecryptError` (no secret in its message) when it does not open. */
export async function readChannelSecret(db: Db, key: Buffer, id: number): Promise<ChannelSecret> {
  const row = await db.get<Pick<ChannelRow, "nonce" | "ciphertext" | "auth_tag">>(
    "SELECT nonce, ciphertext, auth_tag FROM alert_channels WHERE id = ?",
    [id],
  );
  if (!row) throw new SecretDecryptError("the channel no longer exists");
  try {
    return JSON.parse(open(key, { nonce: row.nonce, ciphertext: row.ciphertext, authTag: row.auth_tag }, channelAad(id))) as ChannelSecret;
  } catch {
    throw new SecretDecryptError("the channel's URL cannot be decrypted with the current secret key");
  }
}

/** Deletes a channel with its queue and delivery log, and empties the write-ahead log of its secret. */
export async function deleteChannel(db: Db, id: number): Promise<boolean> {
  const gone = (await db.run("DELETE FROM alert_channels WHERE id = ?", [id])) > 0;
  if (gone) await db.purgeDeleted();
  return gone;
}
