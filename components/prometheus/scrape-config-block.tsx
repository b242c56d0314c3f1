import { useTranslations } from "next-intl";
import { CopyButton } from "../ui/copy-button";

/** The token just created, shown this once, inside a ready `scrape_configs` entry. */
export function ScrapeConfigBlock({ name, token, yaml }: { name: string; token: string; yaml: string }) {
  const t = useTranslations("prometheus.created");
  return (
    <section className="space-y-2 rounded border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950" role="status">
      <h2 className="font-semibold">{t("title", { name })}</h2>
      <p className="text-sm">
        {t("copyNow")}{" "}
        <code className="font-mono break-all" data-token-value>
          {token}
        </code>{" "}
        <CopyButton text={token} label={t("copyToken")} />
      </p>
      <p className="text-sm">{t.rich("addThis", { code: (c) => <code className="font-mono">{c}</code> })}</p>
      <pre className="overflow-x-auto rounded bg-white p-3 font-mono text-xs dark:bg-zinc-900">{yaml}</pre>
      <CopyButton text={yaml} label={t("copyConfig")} />
    </section>
  );
}
