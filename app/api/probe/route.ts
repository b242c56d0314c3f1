import { handle } from "@/server/http/handle";
import { probeScript } from "@/server/transport/probe-script";

export const dynamic = "force-dynamic";

/** The probe script itself, for hosts that are analysed from a bundle or run it from a restricted key. */
export const GET = handle(
  "viewer",
  () =>
    new Response(probeScript(), {
      headers: { "content-type": "text/x-shellscript; charset=utf-8", "content-disposition": 'attachment; filename="twscope-probe.sh"' },
    }),
);
