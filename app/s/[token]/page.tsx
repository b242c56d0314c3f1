import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SnapshotExpired } from "@/components/snapshot/snapshot-expired";
import { SnapshotReport } from "@/components/snapshot/snapshot-report";
import { openSnapshot } from "@/server/services/snapshots";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";

// Also in the headers the proxy sends (SNAPSHOT_HEADERS); here for anything that reads only the HTML.
export const metadata: Metadata = { title: "Snapshot · twscope", robots: { index: false, follow: false }, referrer: "no-referrer" };

/** A shared snapshot, for anyone holding the link: no sign-in, and reading it changes nothing. */
export default async function SnapshotPage({ params }: { params: Promise<{ token: string }> }) {
  const opened = await openSnapshot(await getContext(), (await params).token);
  if (opened.status === "unknown") notFound();
  if (opened.status === "expired") return <SnapshotExpired expiresAt={opened.expiresAt} />;
  return <SnapshotReport snapshot={opened.snapshot} />;
}
