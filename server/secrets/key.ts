import "server-only";
import type { AppConfig } from "../config";
import type { Db } from "../db/open-database";
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
export function prepareSecretKey(config: AppConfig, db: Db): void {
  const loaded = loadKey(config.secretKey, db);
  checkKeyMatches(db, loaded);
  keys().set(db, loaded.key);
}

/** The key for `db`, loaded on first use when start-up did not prepare it (tests call services directly). */
export function secretKeyFor(db: Db, config: AppConfig): Buffer {
  const cached = keys().get(db);
  if (cached) return cached;
  prepareSecretKey(config, db);
  return keys().get(db)!;
}

function loadKey(setting: AppConfig["secretKey"], db: Db): LoadedKey {
  if (setting.value !== undefined) return { key: decodeKey(setting.value, "TWSCOPE_SECRET_KEY"), source: "TWSCOPE_SECRET_KEY" };
  const text = readKeyFile(setting.file);
  if (text !== null) return { key: decodeKey(text, `the secret key file ${setting.file}`), source: `the key file ${setting.file}` };
  if (readCanary(db) || countSecrets(db) > 0) {
    throw new Error(
      `twscope: the secret key file ${setting.file} is missing, but the database ${db.name} holds data encrypted with a key. ` +
        "Restore that file (or point TWSCOPE_SECRET_KEY_FILE at it, or set TWSCOPE_SECRET_KEY); a new key could not decrypt the stored SSH secrets.",
    );
  }
  return { key: createKeyFile(setting.file), source: `the key file ${setting.file}` };
}

/** Opens the canary (or, in a database without one, a stored secret); writes the canary on first use. */
function checkKeyMatches(db: Db, loaded: LoadedKey): void {
  const canary = readCanary(db);
  const probe = canary ? () => open(loaded.key, canary, CANARY_AAD) : firstSecretProbe(db, loaded.key);
  if (probe) {
    try {
      probe();
    } catch {
      throw new Error(
        `twscope: the secret key from ${loaded.source} does not match the key the database ${db.name} was created with, ` +
          "so its stored SSH secrets cannot be decrypted. Restore the original key (TWSCOPE_SECRET_KEY or TWSCOPE_SECRET_KEY_FILE).",
      );
    }
  }
  if (!canary) writeCanary(db, seal(loaded.key, CANARY_TEXT, CANARY_AAD));
}

function readCanary(db: Db): Sealed | null {
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(CANARY_SETTING) as { value: string } | undefined;
  if (!row) return null;
  const [nonce = "", ciphertext = "", authTag = ""] = row.value.split(":");
  return { nonce: Buffer.from(nonce, "base64"), ciphertext: Buffer.from(ciphertext, "base64"), authTag: Buffer.from(authTag, "base64") };
}

function writeCanary(db: Db, sealed: Sealed): void {
  const value = [sealed.nonce, sealed.ciphertext, sealed.authTag].map((b) => b.toString("base64")).join(":");
  db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)").run(CANARY_SETTING, value);
}

/** Stored SSH secrets and alert channels (whose URLs are encrypted with the same key). */
function countSecrets(db: Db): number {
  return (db.prepare("SELECT (SELECT COUNT(*) FROM host_secrets) + (SELECT COUNT(*) FROM alert_channels) AS n").get() as { n: number }).n;
}

/** Secrets without a canary (the row was deleted by hand): check the key on one of them instead. */
function firstSecretProbe(db: Db, key: Buffer): (() => void) | null {
  const row = db.prepare("SELECT host_id, kind, nonce, ciphertext, auth_tag FROM host_secrets LIMIT 1").get() as
    { host_id: number; kind: "private-key" | "password"; nonce: Buffer; ciphertext: Buffer; auth_tag: Buffer } | undefined;
  if (!row) return null;
  return () =>
    void open(key, { nonce: row.nonce, ciphertext: row.ciphertext, authTag: row.auth_tag }, hostSecretAad(row.host_id, row.kind));
}
