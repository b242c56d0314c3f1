import "server-only";
import type { AppConfig } from "../config";
import type { Db } from "../db/db";
import { hostSecretAad, open, seal, type Sealed } from "./cipher";
import { createKeyFile, decodeKey, readKeyFile, type LoadedKey } from "./key-source";

const CANARY_SETTING = "secret_key_canary";
const CANARY_TEXT = "twscope secret key check";
const CANARY_AAD = "twscope:secret-key-canary";

// Per database, so a test (or a dev reload) that opens another database never reuses another key.
const holder = globalThis as typeof globalThis & { __twscopeSecretKeys?: WeakMap<Db, Buffer> };
const keys = () => (holder.__twscopeSecretKeys ??= new WeakMap());

/**
 * Loads the key for stored secrets (TWSCOPE_SECRET_KEY, else the key file, created 0600 on a fresh
 * install) and checks it against the database; throws a readable error when it is missing or wrong.
 * There is no plaintext fallback: without the right key twscope does not start.
 */
export async function prepareSecretKey(config: AppConfig, db: Db): Promise<void> {
  const loaded = await loadKey(config.secretKey, db);
  await checkKeyMatches(db, loaded);
  keys().set(db.base, loaded.key);
}

/** The key for `db`, loaded on first use when start-up did not prepare it (tests call services directly). */
export async function secretKeyFor(db: Db, config: AppConfig): Promise<Buffer> {
  const cached = keys().get(db.base);
  if (cached) return cached;
  await prepareSecretKey(config, db);
  return keys().get(db.base)!;
}

async function loadKey(setting: AppConfig["secretKey"], db: Db): Promise<LoadedKey> {
  if (setting.value !== undefined) return { key: decodeKey(setting.value, "TWSCOPE_SECRET_KEY"), source: "TWSCOPE_SECRET_KEY" };
  const text = readKeyFile(setting.file);
  if (text !== null) return { key: decodeKey(text, `the secret key file ${setting.file}`), source: `the key file ${setting.file}` };
  if ((await readCanary(db)) || (await countSecrets(db)) > 0) {
    throw new Error(
      `twscope: the secret key file ${setting.file} is missing, but the database ${db.location} holds data encrypted with a key. ` +
        "Restore that file (or point TWSCOPE_SECRET_KEY_FILE at it, or set TWSCOPE_SECRET_KEY); a new key could not decrypt the stored SSH secrets.",
    );
  }
  return { key: createKeyFile(setting.file), source: `the key file ${setting.file}` };
}

/** Opens the canary (or, in a database without one, a stored secret); writes the canary on first use. */
async function checkKeyMatches(db: Db, loaded: LoadedKey): Promise<void> {
  const canary = await readCanary(db);
  const probe = canary ? () => open(loaded.key, canary, CANARY_AAD) : await firstSecretProbe(db, loaded.key);
  if (probe) {
    try {
      probe();
    } catch {
      throw new Error(
        `twscope: the secret key from ${loaded.source} does not match the key the database ${db.location} was created with, ` +
          "so its stored SSH secrets cannot be decrypted. Restore the original key (TWSCOPE_SECRET_KEY or TWSCOPE_SECRET_KEY_FILE).",
      );
    }
  }
  if (!canary) await writeCanary(db, seal(loaded.key, CANARY_TEXT, CANARY_AAD));
}

async function readCanary(db: Db): Promise<Sealed | null> {
  const row = await db.get<{ value: string }>("SELECT value FROM settings WHERE key = ?", [CANARY_SETTING]);
  if (!row) return null;
  const [nonce = "", ciphertext = "", authTag = ""] = row.value.split(":");
  return { nonce: Buffer.from(nonce, "base64"), ciphertext: Buffer.from(ciphertext, "base64"), authTag: Buffer.from(authTag, "base64") };
}

async function writeCanary(db: Db, sealed: Sealed): Promise<void> {
  const value = [sealed.nonce, sealed.ciphertext, sealed.authTag].map((b) => b.toString("base64")).join(":");
  await db.run("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", [CANARY_SETTING, value]);
}

/** Stored SSH secrets and alert channels (whose URLs are encrypted with the same key). */
async function countSecrets(db: Db): Promise<number> {
  return (await db.get<{ n: number }>("SELECT (SELECT COUNT(*) FROM host_secrets) + (SELECT COUNT(*) FROM alert_channels) AS n"))!.n;
}

/** Secrets without a canary (the row was deleted by hand): check the key on one of them instead. */
async function firstSecretProbe(db: Db, key: Buffer): Promise<(() => void) | null> {
  const row = await db.get<{ host_id: number; kind: "private-key" | "password"; nonce: Buffer; ciphertext: Buffer; auth_tag: Buffer }>(
    "SELECT host_id, kind, nonce, ciphertext, auth_tag FROM host_secrets LIMIT 1",
  );
  if (!row) return null;
  return () =>
    void open(key, { nonce: row.nonce, ciphertext: row.ciphertext, authTag: row.auth_tag }, hostSecretAad(row.host_id, row.kind));
}
