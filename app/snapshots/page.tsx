import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { SnapshotListView } from "@/components/snapshot/snapshot-list-view";
import { requirePageUser } from "@/server/auth/page-access";
import { listSnapshotsFor } from "@/server/services/snapshots";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.snapshots"))("title") };
}

/** The caller's shared snapshots (an admin's: everyone's), with revoke buttons. */
export default async function SnapshotsPage() {
  const who = await requirePageUser("/snapshots");
  return (
    <ClientMessages namespaces={["snapshot"]}>
      <SnapshotListView initialSnapshots={await listSnapshotsFor(await getContext(), who)} showCreators={who.role === "admin"} />
    </ClientMessages>
  );
}
