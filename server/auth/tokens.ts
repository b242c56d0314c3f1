import "server-only";
import crypto from "node:crypto";

/** A random URL-safe token from the CSPRNG: 32 bytes (256 bits) by default, 43 characters. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** Tokens are stored only as their SHA-256, so a copy of the database opens no session or link. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}
