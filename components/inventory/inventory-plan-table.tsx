import { useTranslations } from "next-intl";
import Link from "next/link";
import { renderText, type StoredText } from "@/lib/i18n/message";
import { connectsAs, type InventoryImportDto } from "@/lib/inventory/import-dto";
import { useTranslate } from "../i18n/translate";

type Row = {
  key: string;
  change: "add" | "change" | "unchanged" | "gone" | "skipped";
  name: string;
  id: number | null;
  target: string;
  tags: string;
  notes: string[];
};

const CHANGE_LOOK: Record<Row["change"], string> = {
  add: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200",
  change: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  unchanged: "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400",
  gone: "bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200",
  skipped: "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400",
};

function rowsOf(plan: InventoryImportDto, t: ReturnType<typeof useTranslations<"inventory">>, text: (s: StoredText) => string): Row[] {
  const target = (h: Parameters<typeof connectsAs>[0]) => connectsAs(h, (login, jump) => t("through", { login, jump }));
  const notApplied = (h: { notApplied: { variable: string; reason: StoredText }[] }) =>
    h.notApplied.map((n) => `${n.variable}: ${text(n.reason)}`);
  return [
    ...plan.added.map((h): Row => ({
      key: `a:${h.name}`,
      change: "add",
      name: h.name,
      id: h.id,
      target: target(h),
      tags: h.tags.join(", "),
      notes: notApplied(h),
    })),
    ...plan.changed.map((h): Row => ({
      key: `c:${h.name}`,
      change: "change",
      name: h.name,
      id: h.id,
      target: target(h),
      tags: h.tags.join(", "),
      notes: [...h.changes.map((c) => `${c.field}: ${c.from} → ${c.to}`), ...notApplied(h)],
    })),
    ...plan.gone.map((h): Row => ({
      key: `g:${h.name}`,
      change: "gone",
      name: h.name,
      id: h.removed ? null : h.id,
      target: "",
      tags: "",
      notes: [h.removed ? t("plan.removed") : t("plan.goneKept")],
    })),
    ...plan.skipped.map((s): Row => ({
      key: `s:${s.name}`,
      change: "skipped",
      name: s.name,
      id: null,
      target: "",
      tags: "",
      notes: [text(s.reason)],
    })),
    ...plan.unchanged.map((h): Row => ({
      key: `u:${h.name}`,
      change: "unchanged",
      name: h.name,
      id: h.id,
      target: "",
      tags: "",
      notes: [],
    })),
  ];
}

/** The notes every host to add or change shares (a password in all:vars, say): said once above the hosts instead of on each. */
function sharedNotes(rows: Row[]): string[] {
  const touched = rows.filter((r) => r.change === "add" || r.change === "change");
  if (touched.length < 2) return [];
  return touched[0]!.notes.filter((n) => touched.every((r) => r.notes.includes(n)));
}

/**
 * What an inventory import changes (or changed), a host a row: the change, where twscope connects, the tags,
 * and every note; notes shared by every host are said once. A table on wide screens, a list on phones.
 */
export function InventoryPlanTable({ plan }: { plan: InventoryImportDto }) {
  const t = useTranslations("inventory");
  const translate = useTranslate();
  const all = rowsOf(plan, t, (s) => renderText(translate, s));
  if (all.length === 0) return <p className="text-sm text-zinc-500">{t("plan.empty")}</p>;
  const shared = sharedNotes(all);
  const rows = all.map((r) => ({ ...r, notes: r.notes.filter((n) => !shared.includes(n)) }));
  const name = (r: Row) =>
    r.id !== null && plan.applied ? (
      <Link className="underline" href={`/hosts/${r.id}`}>
        {r.name}
      </Link>
    ) : (
      r.name
    );
  const badge = (r: Row) => (
    <span className={`rounded px-1.5 py-0.5 text-xs ${CHANGE_LOOK[r.change]}`}>{t(`plan.changes.${r.change}`)}</span>
  );
  return (
    <div className="space-y-2">
      {shared.length > 0 && (
        <div className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="inventory-shared-notes">
          <p className="font-medium">{t("plan.forEveryHost")}</p>
          {shared.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
      <ul className="space-y-2 md:hidden" aria-label={t("plan.hosts")}>
        {rows.map((r) => (
          <li
            key={r.key}
            data-host={r.name}
            data-change={r.change}
            className="rounded border border-zinc-200 p-2 text-sm dark:border-zinc-800"
          >
            <p className="flex items-center gap-2">
              {badge(r)} <span className="font-mono text-xs">{name(r)}</span>
            </p>
            {r.target && (
              <p className="mt-1 font-mono text-xs break-all">
                {r.target}
                {r.tags && <span className="font-sans text-zinc-500"> · {r.tags}</span>}
              </p>
            )}
            {r.notes.map((n) => (
              <p key={n} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                {n}
              </p>
            ))}
          </li>
        ))}
      </ul>
      <table className="hidden w-full text-left text-sm md:table" aria-label={t("plan.hosts")}>
        <thead className="text-xs text-zinc-500 uppercase">
          <tr>
            <th className="py-1 pr-3">{t("plan.change")}</th>
            <th className="py-1 pr-3">{t("plan.host")}</th>
            <th className="py-1 pr-3">{t("plan.connectsAs")}</th>
            <th className="py-1 pr-3">{t("plan.tags")}</th>
            <th className="py-1">{t("plan.notes")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-host={r.name} data-change={r.change} className="border-t border-zinc-200 align-top dark:border-zinc-800">
              <td className="py-1.5 pr-3">{badge(r)}</td>
              <td className="py-1.5 pr-3 font-mono text-xs">{name(r)}</td>
              <td className="py-1.5 pr-3 font-mono text-xs whitespace-nowrap">{r.target}</td>
              <td className="py-1.5 pr-3 text-xs">{r.tags}</td>
              <td className="py-1.5 text-xs text-zinc-600 dark:text-zinc-400">
                {r.notes.map((n) => (
                  <div key={n}>{n}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
