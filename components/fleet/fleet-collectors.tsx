import { useTranslations } from "next-intl";
import type { CollectorDto } from "@/lib/dto";
import { TimeAgo } from "../ui/time-ago";

/** A zone in words ("zone eu-1", "hosts without a zone"), from a `fleet` translator. */
export const zoneName = (t: ReturnType<typeof useTranslations<"fleet">>, zone: string | null) =>
  zone === null ? t("noZone") : t("zone", { zone });

const STATE_LOOK: Record<CollectorDto["state"], string> = {
  live: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  stopped: "bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200",
  silent: "bg-red-600 text-white",
};

/** The duties collectors report that `fleet.collectors.role` has words for. */
const ROLES = ["retention", "alerts"] as const;
const isKnownRole = (r: string): r is (typeof ROLES)[number] => (ROLES as readonly string[]).includes(r);

/** The twscope processes that poll: each collector, the zone it polls, its hosts and heartbeat, and its duties. */
export function FleetCollectors({ collectors }: { collectors: CollectorDto[] }) {
  const t = useTranslations("fleet");
  if (collectors.length === 0) return null;
  // A duty a newer collector reports that this page has no words for is shown by its name.
  const role = (r: string) => (isKnownRole(r) ? t(`collectors.role.${r}`) : r);
  return (
    <section
      aria-label={t("collectors.title")}
      className="rounded border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="mb-2 text-xs font-semibold text-zinc-500 uppercase">{t("collectors.title")}</h2>
      <ul className="space-y-1">
        {collectors.map((c) => (
          <li
            key={`${c.name}-${c.startedAt}`}
            className="flex flex-wrap items-baseline gap-x-2"
            data-collector={c.name}
            data-state={c.state}
          >
            <span className={`rounded px-1.5 text-xs ${STATE_LOOK[c.state]}`}>{t(`collectors.state.${c.state}`)}</span>
            <span className="font-mono">{c.name}</span>
            <span className="text-zinc-500">{zoneName(t, c.zone)}</span>
            {c.state === "live" && <span>{t("collectors.hosts", { count: c.hosts })}</span>}
            <span className="text-zinc-500">
              {c.failedPolls > 0
                ? t("collectors.pollsFailed", { polls: c.polls, failed: c.failedPolls })
                : t("collectors.polls", { polls: c.polls })}
            </span>
            <span className="text-zinc-500">
              {t.rich(c.state === "stopped" ? "collectors.lastHeard" : "collectors.heartbeat", {
                ago: () => <TimeAgo at={c.heartbeatAt} />,
              })}
            </span>
            {c.roles.length > 0 && (
              <span className="text-xs text-zinc-500">{t("collectors.runs", { roles: c.roles.map(role).join(t("listAnd")) })}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
