import { queryOptions } from "@tanstack/react-query";
import { fetchJson, postJson } from "../api-client";
import type { SnapshotCreateRequest } from "./schema";
import type { SnapshotCreatedDto, SnapshotListItemDto } from "./types";

/** What the page being shared says about itself; the dialog adds expiry and redaction. */
export type ShareRequest =
  { kind: "host"; hostId: number; range: Extract<SnapshotCreateRequest, { kind: "host" }>["range"] } | { kind: "fleet" };

export const snapshotsQuery = () =>
  queryOptions({ queryKey: ["snapshots"], queryFn: () => fetchJson<{ snapshots: SnapshotListItemDto[] }>("/api/snapshots") });

export const postSnapshot = (body: SnapshotCreateRequest) => postJson<SnapshotCreatedDto>("/api/snapshots", body);

export const deleteSnapshot = (id: number) => fetchJson<void>(`/api/snapshots/${id}`, { method: "DELETE" });
