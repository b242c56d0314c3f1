import "server-only";
import type { HostSecretInput } from "@/lib/schemas";
import type { Db } from "../db/db";
import { hostSecretAad, open, seal, SecretDecryptError, type Sealed } from "./cipher";

interface SecretRow {
  kind: "private-key" | "password";
  nonce: Buffer;
  ciphertext: Buffer;
  auth_tag: Buffer;
  passphrase_nonce: Buffer | null;
  passphrase_ciphertext: Buffer | null;
  passphrase_auth_tag: Buffer | null;
}

/** Encrypts and stores (or replaces) a host's secret; the row never holds plaintext. */
export async function storeHostSecret(db: Db, key: Buffer, hostId: number, secret: HostSecretInput, now = Date.now()): Promise<void> {
  const main =
    secret.kind === "password"
      ? seal(key, secret.password, hostSecretAad(hostId, "password"))
      : seal(key, secret.privateKey, hostSecretAad(hostId, "private-key"));
  const passphrase =
    secret.kind === "private-key" && secret.passphrase !== undefined
      ? seal(key, secret.passphrase, hostSecretAad(hostId, "passphrase"))
      : null;
  await db.run(
    `
    INSERT INTO host_secrets (host_id, kind, nonce, ciphertext, auth_tag, passphrase_nonce, passphrase_ciphertext, passphrase_auth_tag, updated_at)
    VALUES (@hostId, @kind, @nonce, @ciphertext, @authTag, @pNonce, @pCiphertext, @pAuthTag, @now)
    ON CONFLICT (host_id) DO UPDATE SET kind = excluded.kind, nonce = excluded.nonce, ciphertext = excluded.ciphertext,
      auth_tag = excluded.auth_tag, passphrase_nonce = excluded.passphrase_nonce,
      passphrase_ciphertext = excluded.passphrase_ciphertext, passphrase_auth_tag = excluded.passphrase_auth_tag,
      updated_at = excluded.updated_at
  `,
    {
      hostId,
      kind: secret.kind,
      nonce: main.nonce,
      ciphertext: main.ciphertext,
      authTag: main.authTag,
      pNonce: passphrase?.nonce ?? null,
      pCiphertext: passphrase?.ciphertext ?? null,
      pAuthTag: passphrase?.authTag ?? null,
      now,
    },
  );
  // A replaced secret's old ciphertext must not linger in the write-ahead log.
  await db.purgeDeleted();
}

/**
 * Decrypts a host's secret for one connect, or null when none is stored. Throws `SecretDecryptError`
 * (message without secrets) when it does not open, e.g. a row copied from another host.
 */
export async function readHostSecret(db: Db, key: Buffer, hostId: number): Promise<HostSecretInput | null> {
  const row = await db.get<SecretRow>("SELECT * FROM host_secrets WHERE host_id = ?", [hostId]);
  if (!row) return null;
  const main = openPart(key, { nonce: row.nonce, ciphertext: row.ciphertext, authTag: row.auth_tag }, hostSecretAad(hostId, row.kind));
  if (row.kind === "password") return { kind: "password", password: main };
  const hasPassphrase = row.passphrase_nonce && row.passphrase_ciphertext && row.passphrase_auth_tag;
  const passphrase = hasPassphrase
    ? openPart(
        key,
        { nonce: row.passphrase_nonce!, ciphertext: row.passphrase_ciphertext!, authTag: row.passphrase_auth_tag! },
        hostSecretAad(hostId, "passphrase"),
      )
    : undefined;
  return { kind: "private-key", privateKey: main, ...(passphrase !== undefined ? { passphrase } : {}) };
}

export async function deleteHostSecret(db: Db, hostId: number): Promise<boolean> {
  const gone = (await db.run("DELETE FROM host_secrets WHERE host_id = ?", [hostId])) > 0;
  if (gone) await db.purgeDeleted();
  return gone;
}

function openPart(key: Buffer, sealed: Sealed, aad: string): string {
  try {
    return open(key, sealed, aad);
  } catch (err) {
    if (err instanceof SecretDecryptError) {
      throw new SecretDecryptError(
        "the stored secret cannot be decrypted with the current secret key (a different key, or data not written for this host)",
      );
    }
    throw err;
  }
}
