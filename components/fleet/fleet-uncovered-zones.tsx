import { formatCount } from "@/lib/format/number";
import { zoneName } from "./fleet-collectors";

/** Zones whose hosts no live collector polls: their figures only age from here on. */
export function FleetUncoveredZones({ zones }: { zones: { zone: string | null; hosts: number }[] }) {
  if (zones.length === 0) return null;
  return (
    <div
      role="alert"
      className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      {zones.map((z) => (
        <p key={z.zone ?? ""} data-uncovered-zone={z.zone ?? ""}>
          <strong>No collector</strong> is alive for the {zoneName(z.zone)}: its {formatCount(z.hosts)} host
          {z.hosts === 1 ? " is" : "s are"} not polled. Start one there:{" "}
          <code className="font-mono">npx twscope collector{z.zone === null ? "" : ` --zone ${z.zone}`}</code>
        </p>
      ))}
    </div>
  );
}
