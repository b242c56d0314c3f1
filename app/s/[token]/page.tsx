import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { SnapshotExpired } from "@/components/snapshot/snapshot-expired";
import { SnapshotReport } from "@/components/snapshot/snapshot-report";
import { openSnapshot } from "@/server/services/snapshots";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";

// Also in the headers the proxy sends (SNAPSHOT_HEADERS); here for anything that reads only the HTML.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.snapshot");
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** A shared snapshot, for anyone holding the link: no sign-in, and reading it changes nothing. */
export default async function SnapshotPage({ params }: { params: Promise<{ token: string }> }) {
  const opened = await openSnapshot(await getContext(), (await params).token);
  if (opened.status === "unknown") notFound();
  // Everything a frozen fleet or host page renders in the browser: its own words, the host page's, charts, findings and remedies.
  return (
    <ClientMessages namespaces={["snapshot", "fleet", "host", "chart", "advice", "remedy", "remedies"]}>
      {opened.status === "expired" ? <SnapshotExpired expiresAt={opened.expiresAt} /> : <SnapshotReport snapshot={opened.snapshot} />}
    </ClientMessages>
  );
}
