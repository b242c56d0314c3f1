import { snapshotCreateSchema } from "@/lib/snapshot/schema";
import { handle, readJson } from "@/server/http/handle";
import { createSnapshot, listSnapshotsFor } from "@/server/services/snapshots";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", (_req, _ctx, who) => ({ snapshots: listSnapshotsFor(who) }));

export const POST = handle("viewer", async (req, _ctx, who) =>
  Response.json(createSnapshot(await readJson(req, snapshotCreateSchema), who), { status: 201 }));
