import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const KEY_BYTES = 32;
const HOW_TO_MAKE = "make one with: openssl rand -base64 32";

/** The key for stored secrets and where it came from, for error messages. */
export interface LoadedKey {
  key: Buffer;
  source: string;
}

/** Base64 of exactly 32 bytes; anything else is a start-up error naming `where`, never the value. */
export function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const bytes = Buffer.from(trimmed, "base64");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || bytes.length !== KEY_BYTES) {
    throw new Error(`twscope: ${where} must hold base64 of exactly ${KEY_BYTES} bytes (${HOW_TO_MAKE})`);
  }
  return bytes;
}

/** The key file's text, or null when it does not exist. */
export function readKeyFile(file: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    throw new Error(`twscope: cannot read the secret key file ${file}: ${code ?? "error"}`);
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) console.warn(`twscope: the secret key file ${file} is readable by other users; chmod 600 it`);
  return text;
}

/** Writes a new random key, the file 0600 in a 0700 directory; refuses to overwrite one that appeared meanwhile. */
export function createKeyFile(file: string): Buffer {
  const dir = path.dirname(file);
  if (fs.mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) fs.chmodSync(dir, 0o700);
  const key = crypto.randomBytes(KEY_BYTES);
  const fd = fs.openSync(file, "wx", 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, `${key.toString("base64")}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return key;
}
