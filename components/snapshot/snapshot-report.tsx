import type { PublicSnapshotDto } from "@/lib/snapshot/types";
import { SnapshotBanner } from "./snapshot-banner";
import { SnapshotFleetReport } from "./snapshot-fleet-report";
import { SnapshotHostReport } from "./snapshot-host-report";

export function SnapshotReport({ snapshot }: { snapshot: PublicSnapshotDto }) {
  const { meta, payload } = snapshot;
  return (
    <>
      <SnapshotBanner meta={meta} />
      {payload.kind === "host" ? (
        <SnapshotHostReport payload={payload} capturedAt={meta.createdAt} />
      ) : (
        <SnapshotFleetReport payload={payload} capturedAt={meta.createdAt} />
      )}
    </>
  );
}
