import { hostCreateSchema } from "@/lib/schemas";
import { handle, readJson } from "@/server/http/handle";
import { createHost, listHostDtos } from "@/server/services/hosts";

export const dynamic = "force-dynamic";

export const GET = handle(() => ({ hosts: listHostDtos() }));

export const POST = handle(async (req) => Response.json(createHost(await readJson(req, hostCreateSchema)), { status: 201 }));
