import type { SocketOwners } from "@/lib/types";
import { formatCount } from "@/lib/format/number";
import { formatDuration } from "@/lib/format/time";
import { hiddenAsRoot, OWNER_PRIVILEGE_HINT } from "@/lib/sample/owners";

const HOW =
  "A TIME_WAIT socket has no process: the server side is named by the process listening on its port, the client side by the processes connected to its destination now.";

/** How the process column was found, and what it could not see. */
export function OwnersNote({ owners, sampleAt }: { owners: SocketOwners | null | undefined; sampleAt: number }) {
  const text = !owners
    ? "Processes were not looked up for this sample: it came from a probe older than this twscope, from pasted command output, or from a probe that read the sockets with ss."
    : owners.hiddenProcesses === null
      ? `${HOW} None of the largest groups had a listener or a connection open to look up.`
      : owners.hiddenProcesses > 0 && owners.asRoot
        ? `${HOW} The probe ran as root; ${hiddenAsRoot(owners.hiddenProcesses)}.`
        : owners.hiddenProcesses > 0
          ? `${HOW} The probe's account could not look into ${formatCount(owners.hiddenProcesses)} processes of other accounts, so some are unknown; ${OWNER_PRIVILEGE_HINT} would name them.`
          : `${HOW} The probe looked into every process.`;
  // A serving probe looks into the processes at most once a minute (host clock against the collector's).
  const age = owners?.lookedAt ? sampleAt - owners.lookedAt : 0;
  const when = age >= 5000 ? ` Processes as found ${formatDuration(age)} before this sample: the probe looks once a minute.` : "";
  return (
    <p className="text-xs text-zinc-500 md:col-span-2">
      {text}
      {when}
    </p>
  );
}
