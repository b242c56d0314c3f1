import { formatUtc } from "@/lib/snapshot-format";
import type { SnapshotListItemDto } from "@/lib/snapshot-types";
import { ButtonRevokeSnapshot } from "./button-revoke-snapshot";

const STATE: Record<SnapshotListItemDto["state"], string> = {
  live: "text-emerald-700 dark:text-emerald-300",
  expired: "text-zinc-500",
  revoked: "text-red-700 dark:text-red-400",
};

interface Props {
  snapshots: SnapshotListItemDto[];
  showCreators: boolean;
  revokingId: number | undefined;
  onRevoke: (id: number) => void;
}

export function TableSnapshots({ snapshots, showCreators, revokingId, onRevoke }: Props) {
  return (
    <div className="overflow-x-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-sm">
        <thead className="bg-zinc-100 text-left text-xs uppercase text-zinc-500 dark:bg-zinc-800">
          <tr>
            <th className="px-3 py-2">Snapshot</th>
            {showCreators && <th className="px-3 py-2">Created by</th>}
            <th className="px-3 py-2">Created</th><th className="px-3 py-2">Expires</th>
            <th className="px-3 py-2">Redacted</th><th className="px-3 py-2">State</th><th className="px-3 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {snapshots.map((s) => (
            <tr key={s.id} className="border-t border-zinc-100 dark:border-zinc-800" data-snapshot={s.id}>
              <td className="px-3 py-2"><span className="font-medium">{s.title}</span> <span className="text-xs text-zinc-500">#{s.id} · {s.kind}</span></td>
              {showCreators && <td className="px-3 py-2">{s.creatorName}</td>}
              <td className="px-3 py-2 whitespace-nowrap font-mono text-xs">{formatUtc(s.createdAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap font-mono text-xs">{formatUtc(s.expiresAt)}</td>
              <td className="px-3 py-2">{s.redacted ? "yes" : "no"}</td>
              <td className={`px-3 py-2 ${STATE[s.state]}`} data-field="state">{s.state}</td>
              <td className="px-3 py-2 text-right">
                {s.state !== "revoked" && (
                  <ButtonRevokeSnapshot snapshot={s} revoking={revokingId === s.id} onRevoke={onRevoke} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
