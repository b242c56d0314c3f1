import { handle } from "@/server/http/handle";
import { getRuntime } from "@/server/context";

export const dynamic = "force-dynamic";

/** Liveness for load balancers: public, so it says nothing about the fleet. */
export const GET = handle("public", () => {
  getRuntime();
  return { ok: true };
});
