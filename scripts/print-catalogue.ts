// Prints the rule and remedy catalogues as the Markdown the README carries (`npm run catalogue`; it reads the
// catalogues through server/i18n, so it runs with --conditions=react-server).
import { RULES } from "@/lib/advice/rules";
import { REMEDIES } from "@/lib/advice/remedies";
import { remedyText } from "@/lib/advice/remedy-text";
import { translatorFor } from "@/server/i18n/translator";

const t = translatorFor("en");
const esc = (s: string) => s.replace(/\|/g, "\\|");
console.log("### Rules\n\n| id | checks |\n|---|---|");
for (const r of RULES) console.log(`| \`${r.id}\` | ${esc(r.description)} |`);
console.log(
  "| `healthy` | Added when no rule warns and the input holds a TIME_WAIT count: says so, with the numbers behind it and the biggest share, and names in its title what could not be checked. |",
);
console.log(
  "| `unknown` | Added instead of `healthy` when no rule warns but the input holds no TIME_WAIT count (no /proc/net/sockstat, no socket list): no verdict. |",
);
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
