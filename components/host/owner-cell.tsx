import type { SocketOwner, SocketOwners } from "@/lib/types";
import { formatCount } from "@/lib/format/number";
import { processList, unknownReason, userName } from "@/lib/sample/owners";

/**
 * The "Process" cell of a TIME_WAIT group: the process listening on the port, or holding
 * connections to the destination now; else why it is not named.
 */
export function OwnerCell({ owners, owner, side }: { owners: SocketOwners; owner: SocketOwner | undefined; side: "port" | "peer" }) {
  if (!owner) return <Quiet title="only the ten largest groups are looked up">—</Quiet>;
  if (owner.sockets === 0)
    return <Quiet title="a TIME_WAIT socket has no process; none held a connection to it when sampled">none connected now</Quiet>;
  if (owner.processes === null)
    return (
      <Quiet title="this group rose to the top after the probe last looked into the processes (once a minute, or 10 s after a new group rises)">
        not looked up yet
      </Quiet>
    );
  const first = owner.shown[0];
  if (owner.processes === 0 || !first) {
    const user = userName(owners.users, owner.uid);
    return <Quiet title={unknownReason(owners, owner)}>unknown{user && <span className="font-mono"> · {user}</span>}</Quiet>;
  }
  const user = userName(owners.users, first.uid);
  const what = side === "port" ? "listening" : `${formatCount(owner.sockets)} connected`;
  return (
    <span title={processList(owners.users, owner)}>
      <span className="font-mono">{first.command}</span>
      <span className="block text-xs text-zinc-500">
        pid {first.pid}
        {user && ` · ${user}`}
        {owner.processes > 1 && ` · ${owner.processes} processes`} · {what}
      </span>
    </span>
  );
}

function Quiet({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <span className="text-xs text-zinc-500" title={title}>
      {children}
    </span>
  );
}
