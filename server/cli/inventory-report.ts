import "server-only";
import { connectsAs, type InventoryImportDto } from "@/lib/inventory/import-dto";
import { renderText, type Translate } from "@/lib/i18n/message";
import { translatorFor } from "../i18n/translator";
import { padEndWide } from "@/lib/format/text-width";

/** An inventory import as the CLI prints it: one line per host and per thing left out, then what to do next. */
export function inventoryReport(r: InventoryImportDto, removeGone: boolean, t: Translate = translatorFor("en")): string {
  const lines: string[] = [];
  const row = (what: string, text: string) => lines.push(`  ${padEndWide(t(`cli.hosts.rows.${what}`), 11)} ${text}`);
  const target = (h: Parameters<typeof connectsAs>[0]) => connectsAs(h, (login, jump) => t("cli.hosts.through", { login, jump }));
  for (const h of r.added)
    row("add", `${h.name}  ${target(h)}${h.tags.length ? `  ${t("cli.hosts.tags", { tags: h.tags.join(", ") })}` : ""}`);
  for (const h of r.changed) row("change", `${h.name}  ${h.changes.map((c) => `${c.field} ${c.from} → ${c.to}`).join("; ")}`);
  if (r.unchanged.length) row("unchanged", r.unchanged.map((h) => h.name).join(", "));
  for (const h of r.gone) {
    row("gone", `${h.name}  ${t(h.removed ? "cli.hosts.removed" : removeGone ? "cli.hosts.toBeRemoved" : "cli.hosts.kept")}`);
  }
  for (const s of r.skipped) row("skipped", `${s.name}: ${renderText(t, s.reason)}`);
  for (const h of [...r.added, ...r.changed])
    for (const n of h.notApplied) row("notApplied", `${h.name}: ${n.variable}: ${renderText(t, n.reason)}`);
  for (const p of r.problems)
    row(
      "problem",
      `${p.line === null ? "" : t("cli.hosts.line", { line: String(p.line) })}${renderText(t, p.text)}: ${renderText(t, p.reason)}`,
    );
  for (const w of r.warnings) row("warning", `${w.name}: ${renderText(t, w.message)}`);
  const counts = t(r.applied ? "cli.hosts.countsApplied" : "cli.hosts.counts", {
    added: String(r.added.length),
    changed: String(r.changed.length),
    unchanged: String(r.unchanged.length),
    gone: String(r.gone.length),
    skipped: String(r.skipped.length),
  });
  const head = `${r.source} (${r.format}): ${counts}`;
  const tail = r.applied ? (r.added.length > 0 ? t("cli.hosts.appliedNext") : "") : t("cli.hosts.previewNext");
  return [head, ...lines, ...(tail ? [tail] : [])].join("\n") + "\n";
}
