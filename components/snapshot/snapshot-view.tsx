import type { PublicSnapshotDto } from "@/lib/snapshot/types";
import { BannerSnapshot } from "./banner-snapshot";
import { SnapshotFleetView } from "./snapshot-fleet-view";
import { SnapshotHostView } from "./snapshot-host-view";

export function SnapshotView({ snapshot }: { snapshot: PublicSnapshotDto }) {
  const { meta, payload } = snapshot;
  return (
    <>
      <BannerSnapshot meta={meta} />
      {payload.kind === "host"
        ? <SnapshotHostView payload={payload} capturedAt={meta.createdAt} />
        : <SnapshotFleetView payload={payload} capturedAt={meta.createdAt} />}
    </>
  );
}
