import "server-only";
import type { HostKeysDto, KeysTrustResultDto, UntrustedHostDto } from "@/lib/host/host-keys-dto";
import { listHosts, type HostRecord } from "../../db/hosts";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { AppError } from "../../errors";
import { translatorFor } from "../../i18n/translator";
import type { AppContext } from "../../context";
import { trustHostKey } from "./hosts";
import { askForPoll } from "./ask-poll";

const untrusted = (h: HostRecord): UntrustedHostDto => ({
  id: h.id,
  name: h.name,
  address: h.address,
  port: h.port,
  seenFingerprint: h.seenFingerprint,
  lastPollAt: h.lastPollAt,
  lastError: h.status === "host-key-unknown" || h.status === "host-key-mismatch" ? null : h.lastError,
});

/** The SSH hosts waiting for a first trusted key, and those whose key changed. */
export async function hostKeys({ db }: Pick<AppContext, "db">): Promise<HostKeysDto> {
  const ssh = (await listHosts(db)).filter((h) => h.transport === "ssh");
  return {
    waiting: ssh.filter((h) => h.hostKeyFingerprint === null).map(untrusted),
    changed: ssh.filter((h) => h.hostKeyFingerprint !== null && h.status === "host-key-mismatch").map(untrusted),
  };
}

/**
 * Polls the hosts waiting for a first key (or those of `ids` among them) once, which fetches the key
 * each presents; no key is trusted by it. Answers how many polls were asked for.
 */
export async function fetchHostKeys(ctx: AppContext, ids?: number[]): Promise<{ requested: number }> {
  const wanted = ids ? new Set(ids) : null;
  const waiting = (await hostKeys(ctx)).waiting.filter((h) => !wanted || wanted.has(h.id));
  for (const h of waiting) await askForPoll(ctx, h.id);
  return { requested: waiting.length };
}

/**
 * Trusts the first key of each host given, as shown to the user: a host whose key is trusted already
 * or changed (those are confirmed one by one on their pages), or that now presents another key than
 * the fingerprint repeated, is refused with why, and the others are trusted.
 */
export async function trustHostKeys(
  ctx: AppContext,
  hosts: { id: number; fingerprint: string }[],
  actor: string,
  /** The language the refusals are said in: the caller's. */
  locale: Locale = DEFAULT_LOCALE,
): Promise<KeysTrustResultDto> {
  const waiting = new Map((await hostKeys(ctx)).waiting.map((h) => [h.id, h]));
  const result: KeysTrustResultDto = { trusted: [], refused: [] };
  for (const { id, fingerprint } of hosts) {
    const host = waiting.get(id);
    if (!host) {
      result.refused.push({
        id,
        name: `#${id}`,
        reason: translatorFor(locale)("hostKeys.notWaiting"),
      });
      continue;
    }
    try {
      await trustHostKey(ctx, id, fingerprint, actor);
      result.trusted.push({ id, name: host.name });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result.refused.push({ id, name: host.name, reason: err.messageIn(locale) });
    }
  }
  return result;
}
