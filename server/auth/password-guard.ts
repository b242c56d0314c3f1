import "server-only";
import type { Db } from "../db/db";
import { errors } from "../errors";
import { clientNetwork } from "./client-network";
import { HashQueue } from "./hash-queue";
import { RateLimiter } from "./rate-limit";

const WINDOW_MS = 15 * 60_000;
/** Failures one client network may make on one account, and on all accounts, in the window. */
const PER_ACCOUNT_AND_NETWORK = 5;
const PER_NETWORK = 20;
/** From this many failures on an account (from anywhere) in the window, its checks are spaced out. */
export const SPACING_FROM = 10;
const SPACING_STEP_MS = 100;
const SPACING_MAX_MS = 5_000;
/** A check that would have to wait longer than this for its turn is refused with Retry-After instead. */
const MAX_WAIT_MS = 30_000;
const KNOWN_NETWORK_MS = 30 * 86_400_000;

interface AccountState {
  start: number;
  failures: number;
  nextSlot: number;
}

export interface GuardedCheck {
  /** The client's address (the TCP peer); null when unknown (one shared bucket). */
  address: string | null;
  /** The account the password is for (user names are case-insensitive). */
  account: string;
  /** The password check itself: true when it matched. */
  check: () => Promise<boolean>;
}

const UNLOCK_SETTING_PREFIX = "signin-unlock:";

const tooMany = (seconds: number, what: string) => errors.rateLimited(what, seconds);

/**
 * Every password check (sign-in, the current password of a password change) goes through here.
 * An attempt counts before its hash is computed, so a parallel burst is cut at the limit; a
 * successful one is taken back. Guessing at one account from many networks slows down (checks
 * spaced out, more as failures grow) instead of locking the owner out, and networks the account
 * signed in from before are not slowed. Hashing runs through a small fair queue.
 */
export class PasswordGuard {
  private readonly byPair = new RateLimiter(PER_ACCOUNT_AND_NETWORK, WINDOW_MS);
  private readonly byNetwork = new RateLimiter(PER_NETWORK, WINDOW_MS);
  private readonly accounts = new Map<string, AccountState>();
  private readonly knownNetworks = new Map<string, Map<string, number>>();
  readonly queue = new HashQueue(2, 4);
  /** Unlock checks run one after another, so attempts are counted in the order they came. */
  private unlocks: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async verify({ address, account, check }: GuardedCheck): Promise<boolean> {
    const name = account.toLowerCase();
    const network = address ? clientNetwork(address) : "unknown-peer";
    const pair = `${name}\u0000${network}`;
    const now = this.now();
    await (this.unlocks = this.unlocks.then(() => this.applyUnlock(name, now)).catch(() => {}));
    const refused = Math.max(this.byPair.check(pair, now), this.byNetwork.check(network, now));
    if (refused > 0) throw tooMany(refused, "too many failed password attempts");
    if (!this.queue.hasRoom(network)) throw tooMany(1, "too many password checks at once from this client");
    const state = this.account(name, now);
    const delay = this.isKnown(name, network, now) ? 0 : this.reserveSlot(state, now);
    if (delay > MAX_WAIT_MS) throw tooMany(Math.ceil(delay / 1000), `too many failed sign-ins for ${account}`);
    // Counted now, before any hashing: every request of a burst sees the ones before it.
    const overPair = this.byPair.hit(pair, now);
    const overNetwork = this.byNetwork.hit(network, now);
    if (overPair > 0 || overNetwork > 0) {
      this.byPair.refund(pair);
      this.byNetwork.refund(network);
      throw tooMany(Math.max(overPair, overNetwork), "too many failed password attempts");
    }
    state.failures++;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const ok = await this.queue.run(network, check);
    if (ok) {
      this.byPair.refund(pair);
      this.byNetwork.refund(network);
      state.failures = Math.max(0, state.failures - 1);
      this.remember(name, network, this.now());
    }
    return ok;
  }

  private account(name: string, now: number): AccountState {
    let s = this.accounts.get(name);
    if (!s || now - s.start >= WINDOW_MS) {
      s = { start: now, failures: 0, nextSlot: now };
      this.accounts.set(name, s);
      if (this.accounts.size > 10_000) this.sweep(now);
    }
    return s;
  }

  /** The wait before this check may run: none below SPACING_FROM failures, then one slot after another. */
  private reserveSlot(s: AccountState, now: number): number {
    if (s.failures < SPACING_FROM) return 0;
    const spacing = Math.min(SPACING_MAX_MS, SPACING_STEP_MS * (s.failures - SPACING_FROM + 1));
    const slot = Math.max(now, s.nextSlot);
    if (slot - now > MAX_WAIT_MS) return slot - now;
    s.nextSlot = slot + spacing;
    return slot - now;
  }

  private isKnown(name: string, network: string, now: number): boolean {
    const at = this.knownNetworks.get(name)?.get(network);
    return at !== undefined && now - at < KNOWN_NETWORK_MS;
  }

  private remember(name: string, network: string, now: number): void {
    const nets = this.knownNetworks.get(name) ?? new Map<string, number>();
    nets.set(network, now);
    if (nets.size > 50) nets.delete(nets.keys().next().value!);
    this.knownNetworks.set(name, nets);
  }

  /** `twscope user unlock NAME` (another process) leaves its time in settings; failures before it are forgotten. */
  private async applyUnlock(name: string, now: number): Promise<void> {
    const row = await this.db.get<{ value: string }>("SELECT value FROM settings WHERE key = ?", [UNLOCK_SETTING_PREFIX + name]);
    if (!row) return;
    await this.db.run("DELETE FROM settings WHERE key = ?", [UNLOCK_SETTING_PREFIX + name]);
    this.accounts.set(name, { start: now, failures: 0, nextSlot: now });
    this.byPair.resetWhere((key) => key.startsWith(`${name}\u0000`));
  }

  private sweep(now: number): void {
    for (const [k, s] of this.accounts) if (now - s.start >= WINDOW_MS) this.accounts.delete(k);
  }
}

/** Records an unlock for the server to apply at the account's next password check. */
export async function requestUnlock(db: Db, account: string, now = Date.now()): Promise<void> {
  await db.run("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [
    UNLOCK_SETTING_PREFIX + account.toLowerCase(),
    String(now),
  ]);
}

const guards = new WeakMap<Db, PasswordGuard>();

/** The guard of a database's users (one per database, so tests over several databases stay apart). */
export function passwordGuardOf(db: Db): PasswordGuard {
  let g = guards.get(db);
  if (!g) guards.set(db, (g = new PasswordGuard(db)));
  return g;
}
