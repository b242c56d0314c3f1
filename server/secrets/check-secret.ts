import "server-only";
import ssh2 from "ssh2";

// ssh2 is CommonJS: Node's ESM loader (tsx, the CLI) sees only some of its named exports.
const { utils } = ssh2;
import type { HostSecretInput } from "@/lib/schemas";
import { errors } from "../errors";
import { msg } from "@/lib/i18n/message";

/**
 * Refuses a private key ssh2 cannot use, before it is stored. The messages are fixed texts: a
 * parser message could quote part of the key back.
 */
export function assertUsableSecret(secret: HostSecretInput): void {
  if (secret.kind !== "private-key") return;
  const parsed = utils.parseKey(secret.privateKey, secret.passphrase);
  if (parsed instanceof Error) {
    throw errors.badRequest(/passphrase|encrypt|decrypt/i.test(parsed.message) ? msg("errors.keyEncrypted") : msg("errors.keyUnparsable"));
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key.getPrivatePEM() === null) throw errors.badRequest(msg("errors.publicKey"));
}
