import "server-only";
import type { Db } from "../db/db";
import { deleteCountersByPrefix } from "../db/rate-counters";
import {
  forgetAccountFailures,
  pruneSignInState,
  recordSignInNetwork,
  signedInFrom,
  takeTurn,
  uncountFailure,
  type Spacing,
} from "../db/signin-accounts";
import { errors } from "../errors";
import { msg, type Message } from "@/lib/i18n/message";
import { clientNetwork } from "./client-network";
import { HashQueue } from "./hash-queue";
import { SharedRateLimiter } from "./rate-limit";

const WINDOW_MS = 15 * 60_000;
/** Failures one client network may make on one account, and on all accounts, in the window. */
const BY_ACCOUNT_AND_NETWORK = new SharedRateLimiter("signin-account-network", 5, WINDOW_MS);
const BY_NETWORK = new SharedRateLimiter("signin-network", 20, WINDOW_MS);
/** From this many failures on an account (from anywhere) in the window, its checks are spaced out. */
export const SPACING_FROM = 10;
/** 100 ms apart, growing by 100 ms per failure, at most 5 s; a check whose turn is over 30 s away is refused. */
const SPACING: Spacing = { windowMs: WINDOW_MS, from: SPACING_FROM, stepMs: 100, maxMs: 5_000, maxWaitMs: 30_000 };
const KNOWN_NETWORK_MS = 30 * 86_400_000;

export interface GuardedCheck {
  /** The client's address (the TCP peer); null when unknown (one shared bucket). */
  address: string | null;
  /** The account the password is for (user names are case-insensitive). */
  account: string;
  /** The password check itself: true when it matched. */
  check: () => Promise<boolean>;
}

const tooMany = (seconds: number, what: Message) => errors.rateLimited(what, seconds);

/** One account on one network as a counter key; the account comes first, so an unlock finds all its networks. */
const accountNetworkKey = (account: string, network: string) => JSON.stringify([account, network]);
const accountKeyPrefix = (account: string) => `${JSON.stringify([account]).slice(0, -1)},`;

/**
 * Every password check (sign-in, the current password of a password change) goes through here.
 * The counts live in the database, so every twscope process on it enforces the same limits.
 * An attempt counts before its hash is computed, so a parallel burst is cut at the limit; a
 * successful one is taken back. Guessing at one account from many networks slows down (checks
 * spaced out, more as failures grow) instead of locking the owner out, and networks the account
 * signed in from before are not slowed. Hashing runs through a small fair queue of this process.
 * When the database cannot be reached the check fails with that error: no password is checked unguarded.
 */
export class PasswordGuard {
  readonly queue = new HashQueue(2, 4);

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async verify({ address, account, check }: GuardedCheck): Promise<boolean> {
    const { db } = this;
    const name = account.toLowerCase();
    const network = address ? clientNetwork(address) : "unknown-peer";
    const pair = accountNetworkKey(name, network);
    const now = this.now();
    const [pairWait, networkWait, known] = await Promise.all([
      BY_ACCOUNT_AND_NETWORK.check(db, pair, now),
      BY_NETWORK.check(db, network, now),
      signedInFrom(db, name, network, now - KNOWN_NETWORK_MS),
    ]);
    if (pairWait > 0 || networkWait > 0) throw tooMany(Math.max(pairWait, networkWait), msg("errors.tooManyFailedPasswords"));
    if (!this.queue.hasRoom(network)) throw tooMany(1, msg("errors.tooManyPasswordChecks"));
    // Counted now, before any hashing: every attempt of a burst, on any process, sees the ones before it.
    const [overPair, overNetwork] = await Promise.all([BY_ACCOUNT_AND_NETWORK.hit(db, pair, now), BY_NETWORK.hit(db, network, now)]);
    const takeBack = (at: number) => Promise.all([BY_ACCOUNT_AND_NETWORK.refund(db, pair, at), BY_NETWORK.refund(db, network, at)]);
    if (overPair > 0 || overNetwork > 0) {
      await takeBack(now);
      throw tooMany(Math.max(overPair, overNetwork), msg("errors.tooManyFailedPasswords"));
    }
    const turn = await takeTurn(db, name, !known, SPACING, now);
    if (!turn.granted) {
      await takeBack(now);
      throw tooMany(Math.ceil(turn.waitMs / 1000), msg("errors.tooManyFailedSignIns", { account }));
    }
    if (turn.waitMs > 0) await new Promise((r) => setTimeout(r, turn.waitMs));
    const ok = await this.queue.run(network, check);
    if (ok) {
      const at = this.now();
      await Promise.all([takeBack(at), uncountFailure(db, name, at), recordSignInNetwork(db, name, network, at)]);
    }
    return ok;
  }
}

/** `twscope user unlock NAME`: forgets the account's failures at once, for every process (per-network counts stay). */
export async function unlockAccount(db: Db, account: string): Promise<void> {
  const name = account.toLowerCase();
  await db.tx(async (tx) => {
    await forgetAccountFailures(tx, name);
    await deleteCountersByPrefix(tx, BY_ACCOUNT_AND_NETWORK.scope, accountKeyPrefix(name));
  });
}

/** For retention: accounts whose window has ended, and networks not signed in from for 30 days. */
export async function pruneSignInHistory(db: Db, now: number): Promise<void> {
  await pruneSignInState(db, now, now - KNOWN_NETWORK_MS);
}

const guards = new WeakMap<Db, PasswordGuard>();

/** The guard of a database's users (one per database, so tests over several databases stay apart). */
export function passwordGuardOf(db: Db): PasswordGuard {
  let g = guards.get(db);
  if (!g) guards.set(db, (g = new PasswordGuard(db)));
  return g;
}
