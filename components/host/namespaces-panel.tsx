import { titleInNamespace } from "@/lib/advice/analyze";
import type { Finding } from "@/lib/advice/types";
import { renderText } from "@/lib/i18n/message";
import { useTranslate } from "../i18n/translate";
import type { HostNamespaces, NamespaceSample } from "@/lib/types";
import { formatCount } from "@/lib/format/number";
import { processList } from "@/lib/sample/owners";
import { namespaceLabel } from "@/lib/sample/namespace-sample";
import { SeverityBadge } from "../ui/severity-badge";

/**
 * The host's other network namespaces (containers, pods), largest TIME_WAIT first: each one's
 * split, its largest group with the process behind it, and its worst finding.
 */
export function NamespacesPanel({ namespaces, findings }: { namespaces: HostNamespaces; findings: readonly Finding[] }) {
  const { shown, total, othersTimeWait, hiddenProcesses } = namespaces;
  return (
    <section className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900" aria-label="Network namespaces">
      <h2 className="font-medium">Containers and pods: other network namespaces</h2>
      <p className="mb-2 text-xs text-zinc-500">
        {total === 0
          ? "No other network namespace on this host: every socket is in the tables above."
          : `${formatCount(total)} namespaces besides the host's own, each with its own sockets and sysctls; their TIME_WAIT is not in the tables below.${
              total > shown.length
                ? ` The ${shown.length} with the most TIME_WAIT are shown; the other ${total - shown.length} hold ${formatCount(othersTimeWait)}.`
                : ""
            }`}
        {hiddenProcesses > 0 &&
          ` The probe could not tell the namespace of ${formatCount(hiddenProcesses)} processes; root, or the probe's sudo rule (README, "Which process"), would.`}
      </p>
      {shown.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm [&_td]:py-1 [&_td]:align-top [&_th]:text-xs [&_th]:text-zinc-500">
            <thead>
              <tr>
                <th className="text-left">Namespace</th>
                <th className="text-right">TIME_WAIT</th>
                <th className="pl-3 text-right">server side</th>
                <th className="pl-3 text-right">client side</th>
                <th className="pl-3 text-left">Largest group</th>
                <th className="pl-3 text-left">Worst finding</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((ns) => (
                <NamespaceRow
                  key={ns.inode}
                  ns={ns}
                  users={namespaces.users}
                  worst={findings.find((f) => f.namespace?.inode === ns.inode)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function NamespaceRow({ ns, users, worst }: { ns: NamespaceSample; users: Record<number, string>; worst: Finding | undefined }) {
  const t = useTranslate();
  const tw = ns.timeWait;
  return (
    <tr data-namespace={ns.name}>
      <td>
        <span className="font-mono">{namespaceLabel(ns)}</span>
        <span className="block text-xs text-zinc-500">
          net:[{ns.inode}] · pid {ns.pid} · {formatCount(ns.processes)} process{ns.processes === 1 ? "" : "es"}
          {ns.container?.id && ` · ${ns.container.runtime} ${ns.container.id.slice(0, 12)}`}
        </span>
      </td>
      <td className="text-right font-mono">{formatCount(tw.total)}</td>
      <td className="pl-3 text-right font-mono">{formatCount(tw.server)}</td>
      <td className="pl-3 text-right font-mono">{formatCount(tw.client)}</td>
      <td className="pl-3">
        <LargestGroup ns={ns} users={users} />
      </td>
      <td className="pl-3">
        {worst ? (
          <span className="flex items-start gap-1">
            <SeverityBadge severity={worst.severity} />
            <span className="text-xs">{renderText(t, titleInNamespace(worst.title))}</span>
          </span>
        ) : (
          <span className="text-xs text-zinc-500">{Object.keys(ns.sysctls).length === 0 ? "sysctls not read" : "none"}</span>
        )}
      </td>
    </tr>
  );
}

function LargestGroup({ ns, users }: { ns: NamespaceSample; users: Record<number, string> }) {
  const port = ns.timeWait.byListeningPort[0];
  const peer = ns.timeWait.byPeer[0];
  if (!port && !peer) return <span className="text-xs text-zinc-500">—</span>;
  const server = port && (!peer || port.count >= peer.count);
  const owner = server ? ns.owners.byPort[port.port] : ns.owners.byPeer[peer!.peer];
  return (
    <span>
      <span className="font-mono">{server ? `:${port.port}` : `→ ${peer!.peer}`}</span> {formatCount(server ? port.count : peer!.count)}
      <span className="block text-xs text-zinc-500">
        {owner && owner.processes ? processList(users, owner) : server ? "listener not found" : "none connected now"}
      </span>
    </span>
  );
}
