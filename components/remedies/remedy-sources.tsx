import { useTranslations } from "next-intl";
import type { Remedy } from "@/lib/advice/types";

/** The articles and kernel pages a remedy is written from, by their own titles. */
export function RemedySources({ remedy }: { remedy: Remedy }) {
  const t = useTranslations("remedies");
  const links = remedy.sources.map((s, i) => (
    <span key={s.url}>
      {i > 0 && " · "}
      {/* An article's own title, in its own language: not for translation. */}
      <a className="underline" href={s.url} rel="noreferrer" translate="no">
        <cite className="not-italic">{s.title}</cite>
      </a>
    </span>
  ));
  return <p className="text-xs">{t.rich("sources", { list: () => links })}</p>;
}
