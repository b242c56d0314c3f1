/** A host whose key is not trusted, with what twscope saw of it. */
export interface UntrustedHostDto {
  id: number;
  name: string;
  address: string;
  port: number;
  /** The key the host presented at its last poll; null until one was fetched. */
  seenFingerprint: string | null;
  lastPollAt: number | null;
  /** Why the last attempt to reach it failed, when it did. */
  lastError: string | null;
}

/**
 * `GET /api/hosts/keys`: the hosts no key is trusted for yet (trusted together, after comparing their
 * fingerprints), and the hosts whose key changed (each confirmed on its own page, never in a batch).
 */
export interface HostKeysDto {
  waiting: UntrustedHostDto[];
  changed: UntrustedHostDto[];
}

/** What a batch trust did: each host trusted, or refused with why (its key changed since it was shown). */
export interface KeysTrustResultDto {
  trusted: { id: number; name: string }[];
  refused: { id: number; name: string; reason: string }[];
}
