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
  if (tokens.length === 0) return <p className="text-sm text-zinc-500">No metrics tokens yet: /metrics answers 401 to every scrape.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-zinc-500 uppercase">
          <tr>
            <th className="py-2">Token</th>
            <th>Created by</th>
            <th>Created</th>
            <th>Last used</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} className="border-t border-zinc-200 dark:border-zinc-800" data-token={t.name}>
              <td className="py-2 font-medium">{t.name}</td>
              <td>{t.createdBy}</td>
              <td className="text-zinc-500">
                <TimeAgo at={t.createdAt} />
              </td>
              <td className="text-zinc-500">{t.lastUsedAt === null ? "never" : <TimeAgo at={t.lastUsedAt} />}</td>
              <td className="text-right">
                <ConfirmAction
                  label="Revoke"
                  ariaLabel={`Revoke metrics token ${t.name}`}
                  question="Revoke? Prometheus scrapes with it fail from now on."
                  confirmLabel="Revoke"
                  busyLabel="Revoking…"
                  busy={revokingId === t.id}
                  onConfirm={() => onRevoke(t.id)}
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
