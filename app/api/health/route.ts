import { handle } from "@/server/http/handle";
import { getRuntime } from "@/server/runtime";

export const dynamic = "force-dynamic";

export const GET = handle(() => {
  const { poller, pool } = getRuntime();
  return { ok: true, poller: poller.running, sshConnections: pool.size() };
});
