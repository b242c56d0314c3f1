import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FleetFindingDto, FleetFindingHostDto } from "@/lib/dto";
import type { Freshness } from "@/lib/host/freshness";
import { renderText } from "@/lib/i18n/message";
import { useFormat } from "../i18n/use-format";
import { useTranslate } from "../i18n/translate";
import { STALE_LOOK } from "../ui/freshness-note";
import { SeverityBadge } from "../ui/severity-badge";

type AgeOf = (host: FleetFindingHostDto) => Freshness | undefined;

const SHOWN = 6;

interface Props {
  findings: FleetFindingDto[];
  /** A host's data age: a finding from a stale sample or a pasted bundle says so beside the host's name. */
  ageOf: AgeOf;
  /** Off in a snapshot, which has no host pages to link to. */
  linkHosts?: boolean;
}

/** Which findings affect how many hosts, from given data (live or frozen in a snapshot), titled in the reader's language. */
export function FleetFindingsList({ findings, ageOf, linkHosts = true }: Props) {
  const t = useTranslations("advice.fleetList");
  const translate = useTranslate();
  if (findings.length === 0) return null;
  return (
    <section aria-label={t("label")} className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="mb-2 font-medium">{t("heading")}</h2>
      <ul className="space-y-1 text-sm">
        {findings.map((f) => {
          const count = f.hostCount ?? f.hosts.length;
          const shown = f.hosts.slice(0, SHOWN);
          return (
            <li key={f.ruleId} className="flex flex-wrap items-center gap-2" data-rule={f.ruleId}>
              <SeverityBadge severity={f.severity} />
              <span>{renderText(translate, f.title)}</span>
              <span className="text-zinc-500">{t("onHosts", { count })}</span>
              {shown.map((h) => (
                <span key={h.id} data-finding-host={h.name}>
                  {linkHosts ? (
                    <Link className="underline" href={`/hosts/${h.id}`}>
                      {h.name}
                    </Link>
                  ) : (
                    h.name
                  )}
                  <AgeMark freshness={ageOf(h)} />
                </span>
              ))}
              {count > shown.length && <span className="text-zinc-500">{t("more", { count: count - shown.length })}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AgeMark({ freshness }: { freshness: Freshness | undefined }) {
  const t = useTranslations("advice.fleetList");
  const format = useFormat();
  if (freshness?.state === "stale")
    return <span className={`text-xs text-zinc-500 ${STALE_LOOK}`}>{t("staleSample", { age: format.duration(freshness.ageMs) })}</span>;
  if (freshness?.state === "bundle") return <span className="text-xs text-zinc-500">{t("pastedBundle")}</span>;
  return null;
}
