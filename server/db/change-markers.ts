import "server-only";
import type { Db } from "./db";

/**
 * Numbers that move when something a poller keeps in memory changed, in any process: `hosts` when a host is
 * added, removed or reconfigured (triggers keep it), `poll-requests` when someone asked for a poll now.
 */
export async function changeMarkers(db: Db): Promise<{ hosts: number; pollRequests: number }> {
  const rows = await db.all<{ name: string; version: number }>("SELECT name, version FROM change_markers");
  const of = (name: string) => rows.find((r) => r.name === name)?.version ?? 0;
  return { hosts: of("hosts"), pollRequests: of("poll-requests") };
}

/** Records that a poll of `hostId` was asked for now, for whichever collector polls it. */
export async function requestPollOf(db: Db, hostId: number, now = Date.now()): Promise<void> {
  await db.tx(async (t) => {
    await t.run("UPDATE hosts SET poll_requested_at = ? WHERE id = ?", [now, hostId]);
    await t.run("UPDATE change_markers SET version = version + 1 WHERE name = 'poll-requests'");
  });
}

/** Hosts with a poll asked for since their last poll. */
export async function requestedPolls(db: Db): Promise<number[]> {
  const rows = await db.all<{ id: number }>(
    "SELECT id FROM hosts WHERE poll_requested_at IS NOT NULL AND poll_requested_at > COALESCE(last_poll_at, 0)",
  );
  return rows.map((r) => r.id);
}
