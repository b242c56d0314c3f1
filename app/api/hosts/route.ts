import { hostCreateSchema } from "@/lib/schemas";
import { handle, readJson } from "@/server/http/handle";
import { createHost, listHostDtos } from "@/server/services/hosts";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", () => ({ hosts: listHostDtos() }));

export const POST = handle("admin", async (req, _ctx, who) => Response.json(createHost(await readJson(req, hostCreateSchema), who.name), { status: 201 }));
