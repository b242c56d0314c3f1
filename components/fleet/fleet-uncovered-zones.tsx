import { useTranslations } from "next-intl";
import { zoneName } from "./fleet-collectors";

/** The command that starts a collector for a zone (a command, the same in every language). */
const startCommand = (zone: string | null) => ["npx", "twscope", "collector", ...(zone === null ? [] : ["--zone", zone])].join(" ");

/** Zones whose hosts no live collector polls: their figures only age from here on. */
export function FleetUncoveredZones({ zones }: { zones: { zone: string | null; hosts: number }[] }) {
  const t = useTranslations("fleet");
  if (zones.length === 0) return null;
  return (
    <div
      role="alert"
      className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      {zones.map((z) => (
        <p key={z.zone ?? ""} data-uncovered-zone={z.zone ?? ""}>
          {t.rich("uncovered", { zone: zoneName(t, z.zone), hosts: z.hosts, strong: (c) => <strong>{c}</strong> })}{" "}
          <code className="font-mono">{startCommand(z.zone)}</code>
        </p>
      ))}
    </div>
  );
}
