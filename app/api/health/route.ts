import { handle } from "@/server/http/handle";

export const dynamic = "force-dynamic";

/** Liveness for load balancers: public, so it says nothing about the fleet (answering at all means the database opened). */
export const GET = handle("public", () => ({ ok: true }));
