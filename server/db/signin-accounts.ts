import "server-only";
import type { Db } from "./db";

/** How an account's password checks are spaced out once it has many failures (see server/auth/password-guard.ts). */
export interface Spacing {
  windowMs: number;
  /** From this many failures in the window, each check waits its turn. */
  from: number;
  /** The gap after a check: `stepMs` for the first spaced one, growing by `stepMs` per failure up to `maxMs`. */
  stepMs: number;
  maxMs: number;
  /** A check whose turn is further away than this is refused (and takes no turn). */
  maxWaitMs: number;
}

/** Whether the check may run, and how long it waits for its turn (when refused: how far away its turn is). */
export interface Turn {
  granted: boolean;
  waitMs: number;
}

const gapAfter = (failures: number, s: Spacing) => Math.min(s.maxMs, s.stepMs * (failures - s.from + 1));

/**
 * Counts one failure on the account (until a success takes it back) and takes the next turn in one
 * statement, so checks from every process queue up on one row. `spaced` is false for a network the account
 * signed in from: counted, but never held back. A window that has ended starts again from nothing.
 * The statement leaves the row alone when the turn is too far away; no row comes back then.
 */
const TAKE_TURN = `
  INSERT INTO signin_accounts (account, failures, next_check_at, resets_at) VALUES (@account, 1, @now, @resetsAt)
  ON CONFLICT (account) DO UPDATE SET
    failures = CASE WHEN signin_accounts.resets_at <= @now THEN 1 ELSE signin_accounts.failures + 1 END,
    next_check_at = CASE
      WHEN signin_accounts.resets_at <= @now THEN @now
      WHEN @spaced = 0 OR signin_accounts.failures < @spaceFrom THEN signin_accounts.next_check_at
      ELSE CASE WHEN signin_accounts.next_check_at > @now THEN signin_accounts.next_check_at ELSE @now END
        + CASE WHEN (signin_accounts.failures - @spaceFrom + 1) * @step > @maxGap THEN @maxGap
          ELSE (signin_accounts.failures - @spaceFrom + 1) * @step END
    END,
    resets_at = CASE WHEN signin_accounts.resets_at <= @now THEN @resetsAt ELSE signin_accounts.resets_at END
  WHERE signin_accounts.resets_at <= @now OR @spaced = 0 OR signin_accounts.failures < @spaceFrom
    OR signin_accounts.next_check_at <= @latest
  RETURNING failures, next_check_at`;

export async function takeTurn(db: Db, account: string, spaced: boolean, spacing: Spacing, now: number): Promise<Turn> {
  const row = await db.get<{ failures: number; next_check_at: number }>(TAKE_TURN, {
    account,
    now,
    resetsAt: now + spacing.windowMs,
    spaced: spaced ? 1 : 0,
    spaceFrom: spacing.from,
    step: spacing.stepMs,
    maxGap: spacing.maxMs,
    latest: now + spacing.maxWaitMs,
  });
  if (!row) {
    const held = await db.get<{ next_check_at: number }>("SELECT next_check_at FROM signin_accounts WHERE account = ?", [account]);
    return { granted: false, waitMs: (held?.next_check_at ?? now) - now };
  }
  const before = row.failures - 1;
  if (!spaced || before < spacing.from) return { granted: true, waitMs: 0 };
  // The turn taken is the new next_check_at less the gap this check added.
  return { granted: true, waitMs: row.next_check_at - gapAfter(before, spacing) - now };
}

/** Takes back the failure a check counted (it was the right password). */
export async function uncountFailure(db: Db, account: string, now: number): Promise<void> {
  await db.run("UPDATE signin_accounts SET failures = failures - 1 WHERE account = ? AND failures > 0 AND resets_at > ?", [account, now]);
}

export async function forgetAccountFailures(db: Db, account: string): Promise<void> {
  await db.run("DELETE FROM signin_accounts WHERE account = ?", [account]);
}

/** Whether the account signed in from this network since `since`. */
export async function signedInFrom(db: Db, account: string, network: string, since: number): Promise<boolean> {
  const row = await db.get("SELECT 1 AS yes FROM signin_networks WHERE account = ? AND network = ? AND signed_in_at > ?", [
    account,
    network,
    since,
  ]);
  return row !== undefined;
}

export async function recordSignInNetwork(db: Db, account: string, network: string, now: number): Promise<void> {
  await db.run(
    `INSERT INTO signin_networks (account, network, signed_in_at) VALUES (?, ?, ?)
     ON CONFLICT (account, network) DO UPDATE SET signed_in_at = excluded.signed_in_at`,
    [account, network, now],
  );
}

/** Accounts whose window has ended, and networks not signed in from since `networksSince`. */
export async function pruneSignInState(db: Db, now: number, networksSince: number): Promise<void> {
  await db.run("DELETE FROM signin_accounts WHERE resets_at <= ?", [now]);
  await db.run("DELETE FROM signin_networks WHERE signed_in_at <= ?", [networksSince]);
}
