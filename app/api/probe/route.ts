import { probeScript } from "@/server/transport/probe-script";

export const dynamic = "force-dynamic";

/** The probe script itself, for hosts that are analysed from a bundle instead of over SSH. */
export function GET(): Response {
  return new Response(probeScript(), {
    headers: { "content-type": "text/x-shellscript; charset=utf-8", "content-disposition": 'attachment; filename="twscope-probe.sh"' },
  });
}
