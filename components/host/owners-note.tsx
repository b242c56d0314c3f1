import type { SocketOwners } from "@/lib/types";
import { formatCount } from "@/lib/format/number";
import { OWNER_PRIVILEGE_HINT } from "@/lib/sample/owners";

/** How the process column was found, and what it could not see. */
export function OwnersNote({ owners }: { owners: SocketOwners | null | undefined }) {
  const text = !owners
    ? "Processes were not looked up: the probe that sent this sample is older than this twscope, or read the sockets with ss."
    : owners.hiddenProcesses > 0
      ? `A TIME_WAIT socket has no process: the server side is named by the process listening on its port, the client side by the processes connected to its destination now. The probe's account could not look into ${formatCount(owners.hiddenProcesses)} processes of other accounts, so some are unknown; ${OWNER_PRIVILEGE_HINT} would name them.`
      : "A TIME_WAIT socket has no process: the server side is named by the process listening on its port, the client side by the processes connected to its destination now. The probe saw every process.";
  return <p className="text-xs text-zinc-500 md:col-span-2">{text}</p>;
}
