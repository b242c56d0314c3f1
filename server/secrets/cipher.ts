import "server-only";
import crypto from "node:crypto";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** One AES-256-GCM encryption: a fresh random nonce, the ciphertext and its authentication tag. */
export interface Sealed {
  nonce: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

/** Thrown when a ciphertext does not open: wrong key, wrong record, or tampered data. Its message holds no secret. */
export class SecretDecryptError extends Error {
  constructor(message = "the data cannot be decrypted with this key") {
    super(message);
    this.name = "SecretDecryptError";
  }
}

/** The associated data that binds a host's secret to that host and kind: moved to another row, it no longer opens. */
export function hostSecretAad(hostId: number, part: "private-key" | "password" | "passphrase"): string {
  return `twscope:host-secret:${hostId}:${part}`;
}

export function seal(key: Buffer, plaintext: string, aad: string): Sealed {
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { nonce, ciphertext, authTag: cipher.getAuthTag() };
}

export function open(key: Buffer, sealed: Sealed, aad: string): string {
  // A fixed tag length: GCM would otherwise accept a truncated tag, which is easier to forge.
  if (sealed.nonce.length !== NONCE_BYTES || sealed.authTag.length !== TAG_BYTES)
    throw new SecretDecryptError("the stored data is malformed");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, sealed.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(sealed.authTag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptError();
  }
}
