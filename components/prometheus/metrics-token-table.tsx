import { useTranslations } from "next-intl";
import type { MetricsTokenDto } from "@/lib/metrics/tokens";
import { ConfirmAction } from "../ui/confirm-action";
import { TimeAgo } from "../ui/time-ago";

interface Props {
  tokens: MetricsTokenDto[];
  revokingId: number | undefined;
  onRevoke: (id: number) => void;
}

/** The scrape tokens by name: who made each, when, when Prometheus last used it; revoke asks first. */
export function MetricsTokenTable({ tokens, revokingId, onRevoke }: Props) {
  const t = useTranslations("prometheus.table");
  if (tokens.length === 0) return <p className="text-sm text-zinc-500">{t("empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-zinc-500 uppercase">
          <tr>
            <th className="py-2">{t("token")}</th>
            <th>{t("createdBy")}</th>
            <th>{t("created")}</th>
            <th>{t("lastUsed")}</th>
            <th>
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className="border-t border-zinc-200 dark:border-zinc-800" data-token={token.name}>
              <td className="py-2 font-medium">{token.name}</td>
              <td>{token.createdBy}</td>
              <td className="text-zinc-500">
                <TimeAgo at={token.createdAt} />
              </td>
              <td className="text-zinc-500">{token.lastUsedAt === null ? t("never") : <TimeAgo at={token.lastUsedAt} />}</td>
              <td className="text-right">
                <ConfirmAction
                  label={t("revoke")}
                  ariaLabel={t("revokeToken", { name: token.name })}
                  question={t("revokeQuestion")}
                  confirmLabel={t("revoke")}
                  busyLabel={t("revoking")}
                  busy={revokingId === token.id}
                  onConfirm={() => onRevoke(token.id)}
                  buttonClassName="text-red-600 underline"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
