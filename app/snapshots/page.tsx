import { SnapshotListView } from "@/components/snapshot/snapshot-list-view";
import { requirePageUser } from "@/server/auth/page-access";
import { listSnapshotsFor } from "@/server/services/snapshots";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";

export const metadata = { title: "Snapshots · twscope" };

/** The caller's shared snapshots (an admin's: everyone's), with revoke buttons. */
export default async function SnapshotsPage() {
  const who = await requirePageUser("/snapshots");
  return <SnapshotListView initialSnapshots={await listSnapshotsFor(await getContext(), who)} showCreators={who.role === "admin"} />;
}
