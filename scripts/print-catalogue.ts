// Prints the rule and remedy catalogues as the Markdown the README carries (`npm run catalogue`; it reads the
// catalogues through server/i18n, so it runs with --conditions=react-server).
import { RULES } from "@/lib/advice/rules";
import { REMEDIES } from "@/lib/advice/remedies";
import { remedyText } from "@/lib/advice/remedy-text";
import { renderText } from "@/lib/i18n/message";
import { translatorFor } from "@/server/i18n/translator";

const t = translatorFor("en");
const esc = (s: string) => s.replace(/\|/g, "\\|");
console.log("### Rules\n\n| id | checks |\n|---|---|");
for (const r of RULES) console.log(`| \`${r.id}\` | ${esc(renderText(t, r.description))} |`);
for (const id of ["healthy", "unknown"]) console.log(`| \`${id}\` | ${esc(t(`advice.rules.${id}.description`))} |`);
console.log("\n### Remedies\n\n| id | action | twscope | risk of that action | why that risk | kernels |\n|---|---|---|---|---|---|");
for (const m of REMEDIES) {
  const text = remedyText(t, m.id);
  const k =
    [m.kernels.since ? `since ${m.kernels.since}` : "", m.kernels.removedIn ? `removed in ${m.kernels.removedIn}` : ""]
      .filter(Boolean)
      .join(", ") || "all";
  console.log(
    `| \`${m.id}\` | ${esc(text.title)} | ${m.stance === "do" ? "suggests it" : "warns against it"} | ${m.risk} | ${esc(text.riskReason)} | ${k} |`,
  );
}
