import { snapshotCreateSchema } from "@/lib/snapshot/schema";
import { handle, readJson } from "@/server/http/handle";
import { createSnapshot, listSnapshotsFor } from "@/server/services/snapshots";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", async ({ ctx, who }) => ({ snapshots: await listSnapshotsFor(ctx, who) }));

export const POST = handle("viewer", async ({ req, ctx, who }) =>
  Response.json(await createSnapshot(ctx, await readJson(req, snapshotCreateSchema), who), { status: 201 }),
);
