import { useTranslations } from "next-intl";
import type { SocketOwner, SocketOwners } from "@/lib/types";
import { userName } from "@/lib/sample/owners";
import { processListText, unknownReasonText } from "./owner-text";

/**
 * The "Process" cell of a TIME_WAIT group: the process listening on the port, or holding
 * connections to the destination now; else why it is not named.
 */
export function OwnerCell({ owners, owner, side }: { owners: SocketOwners; owner: SocketOwner | undefined; side: "port" | "peer" }) {
  const t = useTranslations("host.owners");
  if (!owner) return <Quiet title={t("notLookedUpHint")}>—</Quiet>;
  if (owner.sockets === 0) return <Quiet title={t("noneConnectedHint")}>{t("noneConnected")}</Quiet>;
  if (owner.processes === null) return <Quiet title={t("notYetHint")}>{t("notYet")}</Quiet>;
  const first = owner.shown[0];
  if (owner.processes === 0 || !first) {
    const user = userName(owners.users, owner.uid);
    return (
      <Quiet title={unknownReasonText(t, owners, owner)}>
        {t("unknown")}
        {user && <span className="font-mono"> · {user}</span>}
      </Quiet>
    );
  }
  const user = userName(owners.users, first.uid);
  const what = side === "port" ? t("listening") : t("connected", { count: owner.sockets });
  return (
    <span title={processListText(t, owners.users, owner)}>
      <span className="font-mono">{first.command}</span>
      <span className="block text-xs text-zinc-500">
        {t("pid", { pid: first.pid })}
        {user && ` · ${user}`}
        {owner.processes > 1 && t("processes", { count: owner.processes })} · {what}
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
