import type { SnapshotMeta } from "@/lib/snapshot/types";
import { Timestamp } from "../ui/timestamp";

/** Says plainly that the page is frozen: what, when, by whom, until when. */
export function SnapshotBanner({ meta }: { meta: SnapshotMeta }) {
  return (
    <aside
      role="note"
      aria-label="Snapshot"
      data-testid="snapshot-banner"
      className="mb-5 rounded border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
    >
      <p>
        <strong>Read-only snapshot</strong> of {meta.kind === "fleet" ? "the fleet" : <strong>{meta.title}</strong>} taken{" "}
        <Timestamp at={meta.createdAt} /> by {meta.creatorName}, expires <Timestamp at={meta.expiresAt} />.
      </p>
      <p className="text-xs text-sky-800 dark:text-sky-300">
        The data does not change after capture.
        {meta.redacted && " Peer addresses and host names are replaced by pseudonyms (host-A, host-B…)."}
      </p>
    </aside>
  );
}
