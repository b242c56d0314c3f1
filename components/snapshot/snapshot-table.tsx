import { useTranslations } from "next-intl";
import type { SnapshotListItemDto } from "@/lib/snapshot/types";
import { Timestamp } from "../ui/timestamp";
import { SnapshotRevokeButton } from "./snapshot-revoke-button";
import { useSnapshotTitle } from "./use-snapshot-title";

const STATE: Record<SnapshotListItemDto["state"], string> = {
  live: "text-emerald-700 dark:text-emerald-300",
  expired: "text-zinc-500",
  revoked: "text-red-700 dark:text-red-400",
};

// Below md each row is a card: title, state, expiry and the revoke button (creation time and redaction are for wide screens).
const CELL = "px-3 py-2 max-md:p-0";
const PHONE_LABEL = "text-xs text-zinc-500 md:hidden";

interface Props {
  snapshots: SnapshotListItemDto[];
  showCreators: boolean;
  revokingId: number | undefined;
  onRevoke: (id: number) => void;
}

export function SnapshotTable({ snapshots, showCreators, revokingId, onRevoke }: Props) {
  const t = useTranslations("snapshot.table");
  const common = useTranslations("common");
  const titleOf = useSnapshotTitle();
  return (
    <div className="overflow-x-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-sm max-md:block">
        <thead className="bg-zinc-100 text-left text-xs text-zinc-500 uppercase max-md:hidden dark:bg-zinc-800">
          <tr>
            <th className="px-3 py-2">{t("snapshot")}</th>
            {showCreators && <th className="px-3 py-2">{t("createdBy")}</th>}
            <th className="px-3 py-2">{t("created")}</th>
            <th className="px-3 py-2">{t("expires")}</th>
            <th className="px-3 py-2">{t("redacted")}</th>
            <th className="px-3 py-2">{t("state")}</th>
            <th className="px-3 py-2">
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="max-md:block">
          {snapshots.map((s) => (
            <tr
              key={s.id}
              className="border-t border-zinc-100 max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-3 max-md:gap-y-1 max-md:px-3 max-md:py-2.5 dark:border-zinc-800"
              data-snapshot={s.id}
            >
              <td className={`${CELL} max-md:basis-full`}>
                <span className="font-medium">{titleOf(s)}</span>{" "}
                <span className="text-xs text-zinc-500">
                  #{s.id} · {t(`kind.${s.kind}`)}
                  {s.redacted && <span className="md:hidden">{t("redactedMark")}</span>}
                </span>
              </td>
              {showCreators && (
                <td className={`${CELL} max-md:basis-full max-md:text-xs`}>
                  <span className={PHONE_LABEL}>{t("by")} </span>
                  {s.creatorName}
                </td>
              )}
              <td className={`${CELL} font-mono text-xs whitespace-nowrap max-md:hidden`}>
                <Timestamp at={s.createdAt} seconds={false} />
              </td>
              <td className={`${CELL} font-mono text-xs whitespace-nowrap`} data-field="expires">
                <span className={PHONE_LABEL}>{t("expiresLabel")} </span>
                <Timestamp at={s.expiresAt} seconds={false} />
              </td>
              <td className={`${CELL} max-md:hidden`}>{s.redacted ? common("yes") : common("no")}</td>
              <td
                className={`${CELL} ${STATE[s.state]} max-md:order-first max-md:basis-full max-md:text-xs max-md:font-medium`}
                data-field="state"
              >
                {t(`states.${s.state}`)}
              </td>
              <td className={`${CELL} text-right max-md:ml-auto`}>
                {s.state !== "revoked" && <SnapshotRevokeButton snapshot={s} revoking={revokingId === s.id} onRevoke={onRevoke} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
