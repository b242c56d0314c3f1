import { useTranslations } from "next-intl";
import type { SocketOwners, TimeWaitBreakdown } from "@/lib/types";
import { TIME_WAIT_COUNTERS } from "@/lib/counter-meanings";
import { useFormat } from "../i18n/use-format";
import { renderText } from "@/lib/i18n/message";
import { useTranslate } from "../i18n/translate";
import { OwnerCell } from "./owner-cell";
import { OwnersNote } from "./owners-note";

function rangeSize(range: string | undefined): number | null {
  const [lo, hi] = (range ?? "").split(" ").map(Number);
  return lo && hi && hi >= lo ? hi - lo + 1 : null;
}

export function TimeWaitTables({
  breakdown,
  portRange,
  owners,
  sampleAt,
}: {
  breakdown: TimeWaitBreakdown;
  portRange: string | undefined;
  /** Absent: the probe did not look processes up; the tables then have no process column. */
  owners?: SocketOwners | null;
  sampleAt: number;
}) {
  const t = useTranslations("host.tables");
  const format = useFormat();
  const size = rangeSize(portRange);
  const serverNote =
    t("serverNote", { count: breakdown.server, ports: breakdown.serverPorts }) +
    (breakdown.serverNotListening ? t("serverNotListening", { count: breakdown.serverNotListening }) : "");
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Panel title={t("serverTitle")} note={serverNote}>
        <thead>
          <tr>
            <th className="text-left">{t("localPort")}</th>
            <th className="text-right">{t("timeWait")}</th>
            {owners && <th className="pl-3 text-left">{t("process")}</th>}
          </tr>
        </thead>
        <tbody>
          {breakdown.byListeningPort.map((g) => (
            <tr key={g.port}>
              <td className="font-mono">
                {g.port}
                {g.listening === false && (
                  <span className="ml-2 font-sans text-xs text-zinc-500" title={t("notListeningHint")}>
                    {t("notListening")}
                  </span>
                )}
              </td>
              <td className="text-right font-mono">{format.count(g.count)}</td>
              {owners && (
                <td className="pl-3">
                  {g.listening === false ? (
                    <span className="text-xs text-zinc-500">{t("noListener")}</span>
                  ) : (
                    <OwnerCell owners={owners} owner={owners.byPort[g.port]} side="port" />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </Panel>
      <Panel title={t("clientTitle")} note={t("clientNote", { count: breakdown.client, peers: breakdown.clientPeers })}>
        <thead>
          <tr>
            <th className="text-left">{t("destination")}</th>
            <th className="text-right">{t("timeWait")}</th>
            <th className="pl-2 text-left">{t("ofPortRange")}</th>
            {owners && <th className="pl-3 text-left">{t("process")}</th>}
          </tr>
        </thead>
        <tbody>
          {breakdown.byPeer.map((g) => (
            <tr key={g.peer}>
              <td className="font-mono">{g.peer}</td>
              <td className="text-right font-mono">{format.count(g.count)}</td>
              <td className="w-32 pl-2">{size ? <ShareBar share={g.count / size} /> : "—"}</td>
              {owners && (
                <td className="pl-3">
                  <OwnerCell owners={owners} owner={owners.byPeer[g.peer]} side="peer" />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </Panel>
      <OwnersNote owners={owners} sampleAt={sampleAt} />
      <CounterMeanings />
    </div>
  );
}

/** What the kernel counters behind the rates chart count: TW rises as sockets enter TIME_WAIT, not as they expire. */
function CounterMeanings() {
  const t = useTranslations("host.tables");
  const translate = useTranslate();
  return (
    <section
      className="rounded border border-zinc-200 bg-white p-3 text-sm md:col-span-2 dark:border-zinc-800 dark:bg-zinc-900"
      aria-label={t("countersTitle")}
    >
      <h2 className="font-medium">{t("countersTitle")}</h2>
      <dl className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {TIME_WAIT_COUNTERS.map((c) => (
          <div key={c.counter} className="contents">
            <dt className="font-mono text-xs leading-5">{shortName(c.counter)}</dt>
            <dd className="text-zinc-600 dark:text-zinc-400">{renderText(translate, c.meaning)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** "TW" for "TcpExt.TW": the counter's name in /proc/net/netstat. */
const shortName = (counter: string) => counter.replace("TcpExt.", "");

function Panel({ title, note, children }: { title: string; note: string; children: React.ReactNode }) {
  return (
    <section className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="font-medium">{title}</h2>
      <p className="mb-2 text-xs text-zinc-500">{note}</p>
      <table className="w-full text-sm [&_td]:py-0.5 [&_th]:text-xs [&_th]:text-zinc-500">{children}</table>
    </section>
  );
}

/** Share of the local port range one destination holds, as a bar with its number (not colour alone). */
function ShareBar({ share }: { share: number }) {
  const t = useTranslations("host.tables");
  const pctValue = Math.min(100, Math.round(share * 100));
  const colour = share >= 0.9 ? "bg-red-600" : share >= 0.5 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div className="flex items-center gap-2" title={t("shareTitle", { percent: pctValue })}>
      <div
        className="h-2 flex-1 rounded bg-zinc-200 dark:bg-zinc-700"
        role="meter"
        aria-valuenow={pctValue}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={t("shareLabel")}
      >
        <div className={`h-2 rounded ${colour}`} style={{ width: `${Math.max(pctValue, 1)}%` }} />
      </div>
      <span className="w-10 text-right font-mono text-xs">{pctValue}%</span>
    </div>
  );
}
