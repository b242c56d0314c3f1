import "server-only";
import { connectsAs, type InventoryImportDto } from "@/lib/inventory/import-dto";

/** An inventory import as the CLI prints it: one line per host and per thing left out, then what to do next. */
export function inventoryReport(r: InventoryImportDto, removeGone: boolean): string {
  const lines: string[] = [];
  const row = (what: string, text: string) => lines.push(`  ${what.padEnd(11)} ${text}`);
  for (const h of r.added) row("add", `${h.name}  ${connectsAs(h)}${h.tags.length ? `  tags ${h.tags.join(", ")}` : ""}`);
  for (const h of r.changed) row("change", `${h.name}  ${h.changes.map((c) => `${c.field} ${c.from} → ${c.to}`).join("; ")}`);
  if (r.unchanged.length) row("unchanged", r.unchanged.map((h) => h.name).join(", "));
  for (const h of r.gone) {
    row(
      "gone",
      `${h.name}  ${h.removed ? "removed" : removeGone ? "to be removed" : "kept (--remove-gone removes the hosts gone from the inventory)"}`,
    );
  }
  for (const s of r.skipped) row("skipped", `${s.name}: ${s.reason}`);
  for (const h of [...r.added, ...r.changed]) for (const n of h.notApplied) row("not applied", `${h.name}: ${n.variable}: ${n.reason}`);
  for (const p of r.problems) row("problem", `${p.line === null ? "" : `line ${p.line}: `}${p.text}: ${p.reason}`);
  for (const w of r.warnings) row("warning", `${w.name}: ${w.message}`);
  const counts = `${r.added.length} to add, ${r.changed.length} to change, ${r.unchanged.length} unchanged, ${r.gone.length} gone, ${r.skipped.length} skipped`;
  const head = `${r.source} (${r.format}): ${r.applied ? counts.replace(/to add/, "added").replace(/to change/, "changed") : `${counts}`}`;
  const tail = r.applied
    ? r.added.length > 0
      ? "The new hosts are polled once to fetch their host keys: confirm each key on its host page before twscope polls it."
      : ""
    : "A preview: nothing was changed. Run again with --apply to apply it.";
  return [head, ...lines, ...(tail ? [tail] : [])].join("\n") + "\n";
}
