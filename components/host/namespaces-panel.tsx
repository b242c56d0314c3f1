import { useTranslations } from "next-intl";
import type { Finding } from "@/lib/advice/types";
import { renderText } from "@/lib/i18n/message";
import { titleInNamespace } from "@/lib/advice/analyze";
import { useTranslate } from "../i18n/translate";
import type { HostNamespaces, NamespaceSample } from "@/lib/types";
import { namespaceKind, namespaceName } from "@/lib/sample/namespace-sample";
import { useFormat } from "../i18n/use-format";
import { SeverityBadge } from "../ui/severity-badge";
import { processListText } from "./owner-text";

/**
 * The host's other network namespaces (containers, pods), largest TIME_WAIT first: each one's
 * split, its largest group with the process behind it, and its worst finding.
 */
export function NamespacesPanel({ namespaces, findings }: { namespaces: HostNamespaces; findings: readonly Finding[] }) {
  const t = useTranslations("host.namespaces");
  const sentences = useTranslations("host.owners");
  const { shown, total, othersTimeWait, hiddenProcesses } = namespaces;
  const parts = [
    total === 0 ? t("none") : t("some", { total }),
    ...(total > shown.length ? [t("someShown", { shown: shown.length, others: total - shown.length, timeWait: othersTimeWait })] : []),
    ...(hiddenProcesses > 0 ? [t("hidden", { count: hiddenProcesses })] : []),
  ];
  return (
    <section className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900" aria-label={t("label")}>
      <h2 className="font-medium">{t("title")}</h2>
      <p className="mb-2 text-xs text-zinc-500">{parts.reduce((first, second) => sentences("sentences", { first, second }))}</p>
      {shown.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm [&_td]:py-1 [&_td]:align-top [&_th]:text-xs [&_th]:text-zinc-500">
            <thead>
              <tr>
                <th className="text-left">{t("namespace")}</th>
                <th className="text-right">{t("timeWait")}</th>
                <th className="pl-3 text-right">{t("server")}</th>
                <th className="pl-3 text-right">{t("client")}</th>
                <th className="pl-3 text-left">{t("largestGroup")}</th>
                <th className="pl-3 text-left">{t("worstFinding")}</th>
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
  const t = useTranslations("host.namespaces");
  const translate = useTranslate();
  const format = useFormat();
  const tw = ns.timeWait;
  return (
    <tr data-namespace={ns.name}>
      <td>
        <span className="font-mono">{t("kindLabel", { kind: namespaceKind(ns), name: namespaceName(ns) })}</span>
        <span className="block text-xs text-zinc-500">
          {t("identity", { inode: ns.inode, pid: ns.pid, processes: ns.processes })}
          {ns.container?.id && ` · ${ns.container.runtime} ${ns.container.id.slice(0, 12)}`}
        </span>
      </td>
      <td className="text-right font-mono">{format.count(tw.total)}</td>
      <td className="pl-3 text-right font-mono">{format.count(tw.server)}</td>
      <td className="pl-3 text-right font-mono">{format.count(tw.client)}</td>
      <td className="pl-3">
        <LargestGroup ns={ns} users={users} />
      </td>
      <td className="pl-3">
        {worst ? (
          <span className="flex items-start gap-1">
            <SeverityBadge severity={worst.severity} />
            <span className="text-xs">{renderText(translate, titleInNamespace(worst.title))}</span>
          </span>
        ) : (
          <span className="text-xs text-zinc-500">{Object.keys(ns.sysctls).length === 0 ? t("sysctlsNotRead") : t("noFinding")}</span>
        )}
      </td>
    </tr>
  );
}

function LargestGroup({ ns, users }: { ns: NamespaceSample; users: Record<number, string> }) {
  const t = useTranslations("host.namespaces");
  const owners = useTranslations("host.owners");
  const format = useFormat();
  const port = ns.timeWait.byListeningPort[0];
  const peer = ns.timeWait.byPeer[0];
  if (!port && !peer) return <span className="text-xs text-zinc-500">—</span>;
  const server = port && (!peer || port.count >= peer.count);
  const owner = server ? ns.owners.byPort[port.port] : ns.owners.byPeer[peer!.peer];
  return (
    <span>
      <span className="font-mono">{server ? `:${port.port}` : `→ ${peer!.peer}`}</span> {format.count(server ? port.count : peer!.count)}
      <span className="block text-xs text-zinc-500">
        {owner && owner.processes ? processListText(owners, users, owner) : server ? t("listenerNotFound") : t("noneConnected")}
      </span>
    </span>
  );
}
