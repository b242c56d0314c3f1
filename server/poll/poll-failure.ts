import "server-only";
import type { PollErrorKey } from "@/lib/host/poll-error-words";
import type { HostStatus } from "@/lib/types";
import { translatorFor } from "../i18n/translator";

/** Why one poll of a host failed, as the host status it leads to. */
export class PollFailure extends Error {
  constructor(
    readonly status: Exclude<HostStatus, "ok" | "pending">,
    message: string,
    readonly seenFingerprint?: string,
  ) {
    super(message);
    this.name = "PollFailure";
  }
}

/**
 * A poll error's sentence (`common.pollErrors.<key>`) in English, as it is stored: pages read it back
 * into a message and word it in their reader's language (lib/host/poll-error-words.ts). Values are
 * passed as text, so numbers read as they always did.
 */
export function pollError(key: PollErrorKey, values: Record<string, string | number> = {}): string {
  const asText = Object.fromEntries(Object.entries(values).map(([name, v]) => [name, String(v)]));
  return english(`common.pollErrors.${key}`, asText);
}

const english = translatorFor("en");
